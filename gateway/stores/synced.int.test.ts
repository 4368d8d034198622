import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/bench/lib/net";
import { REDIS_URL, requireRedisUrl, skipWithoutRedis } from "@/test/support/redis";
import { waitFor } from "@/test/support/wait-for";
import { computePeriod } from "./periods";
import { MemoryCounterStore } from "./memory";
import { SyncedRedisCounterStore } from "./synced";
import type { CounterStore, QuotaResult, TokenBucketResult } from "./types";
import { StoreUnavailableError } from "./types";

const runPrefix = `portico-test:${randomUUID()}:`;
const MAX_UNSYNCED = 20;

async function decide<T>(call: () => T | Promise<T>): Promise<T> {
  return await call();
}

/** `count` decisions spread round-robin over the replicas, all in flight at once, as concurrent requests are. */
async function admitted(
  replicas: CounterStore[],
  count: number,
  call: (store: CounterStore) => TokenBucketResult | QuotaResult | Promise<TokenBucketResult | QuotaResult>,
): Promise<number> {
  const results = await Promise.all(Array.from({ length: count }, (_, i) => decide(() => call(replicas[i % replicas.length]))));
  return results.filter((result) => result.allowed).length;
}

describe.skipIf(skipWithoutRedis)("SyncedRedisCounterStore: local decisions reconciled with a shared Redis", () => {
  const url = REDIS_URL ?? "";
  const stores: SyncedRedisCounterStore[] = [];
  let raw: Redis;

  async function replica(options: { syncIntervalMs?: number; maxUnsyncedHits?: number } = {}): Promise<SyncedRedisCounterStore> {
    const store = new SyncedRedisCounterStore({
      url,
      keyPrefix: runPrefix,
      timeoutMs: 2000,
      syncIntervalMs: options.syncIntervalMs ?? 5,
      maxUnsyncedHits: options.maxUnsyncedHits ?? MAX_UNSYNCED,
    });
    stores.push(store);
    expect(await store.ready(5000)).toBe(true);
    return store;
  }

  beforeAll(() => {
    requireRedisUrl();
    raw = new Redis(url);
  });

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    const keys = await raw.keys(`${runPrefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    await raw.quit();
  });

  it("admits a quota's limit exactly with one replica, and Redis holds the exact count", async () => {
    const store = await replica();
    const now = Date.now();
    expect(await admitted([store], 700, (s) => s.consumeQuota("q:single", 500, "DAY", now))).toBe(500);
    await store.sync();
    expect(Number(await raw.get(`${runPrefix}q:single:${computePeriod("DAY", now).suffix}`))).toBe(500);
  });

  it("over-admits a quota shared by two replicas by at most (replicas - 1) x maxUnsyncedHits, and counts every admitted request", async () => {
    const replicas = [await replica(), await replica()];
    const now = Date.now();
    const limit = 500;
    let served = 0;
    // Waves of concurrent requests, as traffic arrives, until both replicas refuse.
    for (let wave = 0; wave < 20; wave++)
      served += await admitted(replicas, 60, (s) => s.consumeQuota("q:shared", limit, "DAY", now, "key-1"));
    expect(served).toBeGreaterThanOrEqual(limit);
    expect(served).toBeLessThanOrEqual(limit + (replicas.length - 1) * MAX_UNSYNCED);
    await Promise.all(replicas.map((store) => store.sync()));
    const period = computePeriod("DAY", now).suffix;
    expect(Number(await raw.get(`${runPrefix}q:shared:${period}`))).toBe(served);
    // The day's usage is every admitted request too.
    const [usage] =
      (await replicas[0].readDailyUsage(["key-1"], new Date(now).toISOString().slice(0, 10), new Date(now).toISOString().slice(0, 10))).get(
        "key-1",
      ) ?? [];
    expect(usage).toBe(served);
  });

  it("over-admits a bucket shared by two replicas by at most (replicas - 1) x min(maxUnsyncedHits, burst), one replica alone being exact", async () => {
    // A bucket that never refills: what it lets through is exactly its burst.
    const alone = await replica();
    expect(await admitted([alone], 300, (s) => s.takeToken("tb:alone", 0, 100, Date.now()))).toBe(100);

    const replicas = [await replica(), await replica()];
    let served = 0;
    for (let wave = 0; wave < 10; wave++) served += await admitted(replicas, 50, (s) => s.takeToken("tb:shared", 0, 100, Date.now()));
    expect(served).toBeGreaterThanOrEqual(100);
    expect(served).toBeLessThanOrEqual(100 + (replicas.length - 1) * Math.min(MAX_UNSYNCED, 100));
  });

  it("reads the shared state before a replica's first decision for a key, so a new replica cannot hand out a used-up quota", async () => {
    const now = Date.now();
    const first = await replica();
    expect(await admitted([first], 50, (s) => s.consumeQuota("q:late", 50, "DAY", now))).toBe(50);
    await first.sync();
    const late = await replica();
    expect(await admitted([late], 10, (s) => s.consumeQuota("q:late", 50, "DAY", now))).toBe(0);
  });

  it("decides most requests without waiting for Redis: a sync starts at half the cap and the other half carries the key through it", async () => {
    const store = await replica({ syncIntervalMs: 1000, maxUnsyncedHits: 100 });
    const before = store.stats.syncs;
    const results: (TokenBucketResult | Promise<TokenBucketResult>)[] = [];
    // The first call waits for the key's first sync; after it, decisions are synchronous.
    await store.takeToken("tb:local", 1_000_000, 1_000_000, Date.now());
    for (let i = 0; i < 99; i++) results.push(store.takeToken("tb:local", 1_000_000, 1_000_000, Date.now()));
    expect(results.every((result) => !(result instanceof Promise))).toBe(true);
    // The key's first read, then the batch sent at 50 unsent admissions, still in flight.
    expect(store.stats.syncs - before).toBe(2);
    // 100 admissions Redis has not confirmed: the next request waits for the sync in flight.
    const waiting = store.takeToken("tb:local", 1_000_000, 1_000_000, Date.now());
    expect(waiting).toBeInstanceOf(Promise);
    expect(await waiting).toMatchObject({ allowed: true });
  });
});

const REDIS_SERVER = "/usr/bin/redis-server";

describe.skipIf(!existsSync(REDIS_SERVER))("SyncedRedisCounterStore when Redis stops", () => {
  let server: ChildProcess | null = null;
  let store: SyncedRedisCounterStore | null = null;

  afterEach(async () => {
    if (server !== null && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      server.kill("SIGKILL");
      await exited;
    }
    await store?.close();
    server = null;
    store = null;
  });

  it("throws StoreUnavailableError at once while Redis is down, and decides locally again once it is back", async () => {
    const port = await freePort();
    const start = () =>
      spawn(REDIS_SERVER, ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    server = start();
    store = new SyncedRedisCounterStore({
      url: `redis://127.0.0.1:${port}`,
      keyPrefix: runPrefix,
      maxReconnectDelayMs: 100,
      syncIntervalMs: 5,
    });
    const live = store;
    expect(await live.ready(5000)).toBe(true);
    expect((await live.takeToken("tb:outage", 1, 10, Date.now())).allowed).toBe(true);

    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGKILL");
    await exited;
    await waitFor(() => live.client.status !== "ready", { what: "the store to notice the outage", timeoutMs: 5000 });
    const started = performance.now();
    expect(() => live.takeToken("tb:outage", 1, 10, Date.now())).toThrow(StoreUnavailableError);
    expect(() => live.consumeQuota("q:outage", 10, "DAY", Date.now())).toThrow(StoreUnavailableError);
    expect(performance.now() - started).toBeLessThan(50);

    server = start();
    await waitFor(
      async () => {
        try {
          return (await live.takeToken("tb:outage", 1, 10, Date.now())).allowed;
        } catch {
          return false;
        }
      },
      { what: "decisions to be made again after Redis restarted", timeoutMs: 10_000 },
    );
  });
});

describe("MemoryCounterStore (the default, one process)", () => {
  it("admits exactly a quota's limit and a bucket's burst: one process has no over-admission", () => {
    const store = new MemoryCounterStore();
    const now = Date.now();
    let quota = 0;
    let bucket = 0;
    for (let i = 0; i < 700; i++) {
      if (store.consumeQuota("q", 500, "DAY", now).allowed) quota++;
      if (store.takeToken("tb", 0, 100, now).allowed) bucket++;
    }
    expect([quota, bucket]).toEqual([500, 100]);
  });
});
