import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { freePort } from "@/bench/lib/net";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { REDIS_URL, requireRedisUrl, skipWithoutRedis } from "@/test/support/redis";
import { computePeriod, formatDay } from "./periods";
import { RedisCounterStore } from "./redis";
import { StoreUnavailableError } from "./types";
import { waitFor } from "@/test/support/wait-for";

const REDIS_SERVER = "/usr/bin/redis-server";

/** A prefix of its own per test run, so runs can share the CI Redis. */
const runPrefix = `portico-test:${randomUUID()}:`;

async function expectFastFailure(call: () => Promise<unknown>, op: string): Promise<void> {
  const started = performance.now();
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  const elapsed = performance.now() - started;
  expect(error, `${op} should reject while Redis is unavailable`).toBeInstanceOf(StoreUnavailableError);
  expect(elapsed, `${op} took ${elapsed.toFixed(1)} ms to fail`).toBeLessThan(200);
}

describe.skipIf(skipWithoutRedis)("RedisCounterStore against a shared Redis", () => {
  const url = REDIS_URL ?? "";
  beforeAll(() => {
    requireRedisUrl();
  });
  const stores: RedisCounterStore[] = [];
  let raw: Redis;

  function replica(): RedisCounterStore {
    // These tests are about counting, not speed: a generous timeout keeps a
    // busy CI machine from failing them. The outage tests below check timing.
    const store = new RedisCounterStore({ url, keyPrefix: runPrefix, timeoutMs: 2000 });
    stores.push(store);
    return store;
  }

  beforeAll(() => {
    raw = new Redis(url);
  });

  afterAll(async () => {
    const keys = await raw.keys(`${runPrefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    await raw.quit();
    await Promise.all(stores.map((store) => store.close()));
  });

  it("lets exactly burst requests through when two replicas take 100 tokens concurrently, whatever their clocks say", async () => {
    const [a, b] = [replica(), replica()];
    expect(await a.ready()).toBe(true);
    expect(await b.ready()).toBe(true);
    // A rate this low adds no token during the test; the replicas' clocks
    // disagree by an hour, which must not matter because Redis keeps time.
    const takes = Array.from({ length: 100 }, (_, i) =>
      i % 2 === 0
        ? a.takeToken("tb:api:prod:key1", 0.001, 10, Date.now())
        : b.takeToken("tb:api:prod:key1", 0.001, 10, Date.now() + 3_600_000),
    );
    const results = await Promise.all(takes);
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    const refused = results.find((r) => !r.allowed);
    expect(refused?.remaining).toBe(0);
    expect(refused?.retryAfterMs).toBeGreaterThan(900_000);
  });

  it("refills a shared bucket at the configured rate", async () => {
    const store = replica();
    await store.ready();
    expect((await store.takeToken("tb:refill", 20, 1, 0)).allowed).toBe(true);
    const refused = await store.takeToken("tb:refill", 20, 1, 0);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(50);
    await waitFor(async () => (await store.takeToken("tb:refill", 20, 1, 0)).allowed, { what: "a refilled token", timeoutMs: 2000 });
  });

  it("counts a quota across replicas, refusing exactly the requests past the limit", async () => {
    const [a, b] = [replica(), replica()];
    await Promise.all([a.ready(), b.ready()]);
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? a : b).consumeQuota("q:plan1:key1", 25, "MONTH", now)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(25);
    expect(Math.max(...results.map((r) => r.used))).toBe(25);
    expect(results.every((r) => r.resetAt === computePeriod("MONTH", now).end)).toBe(true);
    expect(await b.readQuota(["q:plan1:key1", "q:plan1:unused"], "MONTH", now)).toEqual(
      new Map([
        ["q:plan1:key1", 25],
        ["q:plan1:unused", 0],
      ]),
    );
    // The previous month is another counter.
    const lastMonth = computePeriod("MONTH", now).start - 1;
    expect(await a.readQuota(["q:plan1:key1"], "MONTH", lastMonth)).toEqual(new Map([["q:plan1:key1", 0]]));
  });

  it("sets TTLs so that no bucket or quota key outlives its use", async () => {
    const store = replica();
    await store.ready();
    await store.takeToken("tb:ttl", 2, 10, 0);
    const bucketTtl = await raw.pttl(`${runPrefix}tb:ttl`);
    // One token short of a full bucket at 2 tokens/s: 500 ms, plus 1 s of slack.
    expect(bucketTtl).toBeGreaterThan(0);
    expect(bucketTtl).toBeLessThanOrEqual(1500);

    const now = Date.now();
    await store.consumeQuota("q:ttl", 5, "DAY", now);
    const day = computePeriod("DAY", now);
    const quotaTtl = await raw.pttl(`${runPrefix}q:ttl:${day.suffix}`);
    expect(quotaTtl).toBeGreaterThan(day.end - now);
    expect(quotaTtl).toBeLessThanOrEqual(day.end - now + 3_600_000);
  });

  it("reloads its scripts by itself after Redis forgets them", async () => {
    const store = replica();
    await store.ready();
    await store.takeToken("tb:flush", 1, 5, 0);
    await raw.script("FLUSH");
    expect((await store.takeToken("tb:flush", 1, 5, 0)).remaining).toBe(3);
  });

  it("counts daily usage per key from two replicas into one UTC day counter that expires after the kept window", async () => {
    const [a, b] = [replica(), replica()];
    expect(await a.ready()).toBe(true);
    expect(await b.ready()).toBe(true);
    const today = Date.parse("2025-03-02T10:00:00Z");
    const yesterday = today - 86_400_000;
    await Promise.all([a.countUsage("key1", today), b.countUsage("key1", today), a.countUsage("key1", yesterday)]);
    const usage = await b.readDailyUsage(["key1", "never"], "2025-02-28", "2025-03-02");
    expect(usage.get("key1")).toEqual([0, 1, 2]);
    expect(usage.get("never")).toEqual([0, 0, 0]);
    const ttl = await raw.ttl(`${runPrefix}u:key1:2025-03-02`);
    expect(ttl).toBeGreaterThan(90 * 86_400);
    expect(ttl).toBeLessThanOrEqual(91 * 86_400);
  });

  it("counts usage inside the quota script only for allowed requests", async () => {
    const store = replica();
    expect(await store.ready()).toBe(true);
    // The quota key expires at the end of its period, so the period must be a current one.
    const now = Date.now();
    const today = formatDay(Math.floor(now / 86_400_000));
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await store.consumeQuota("q:plan:key2", 2, "DAY", now, "key2"));
    expect(results.map((r) => r.allowed)).toEqual([true, true, false]);
    expect((await store.readDailyUsage(["key2"], today, today)).get("key2")).toEqual([2]);
  });

  it("reads 90 days for many keys in chunks, in order", async () => {
    const store = replica();
    expect(await store.ready()).toBe(true);
    const keys = Array.from({ length: 12 }, (_, i) => `many${i}`);
    const last = Date.parse("2025-06-30T12:00:00Z");
    await Promise.all(keys.map((key, i) => store.countUsage(key, last - i * 86_400_000)));
    const usage = await store.readDailyUsage(keys, "2025-04-02", "2025-06-30");
    keys.forEach((key, i) => {
      const series = usage.get(key) ?? [];
      expect(series).toHaveLength(90);
      expect(series.reduce((sum, n) => sum + n, 0)).toBe(1);
      expect(series[89 - i]).toBe(1);
    });
  });
});

const canRunOwnRedis = existsSync(REDIS_SERVER);
if (!canRunOwnRedis) {
  console.warn(`Skipping the Redis outage tests: ${REDIS_SERVER} is missing (apt-get install -y redis-server).`);
}

function startRedis(port: number): ChildProcess {
  const child = spawn(REDIS_SERVER, ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

describe.skipIf(!canRunOwnRedis)("RedisCounterStore when Redis stops mid-test", () => {
  let port = 0;
  let server: ChildProcess | null = null;
  let store: RedisCounterStore | null = null;

  afterEach(async () => {
    if (server) {
      server.kill("SIGCONT");
      await stopRedis(server);
    }
    await store?.close();
    server = null;
    store = null;
  });

  it("fails fast with StoreUnavailableError while Redis is down, and recovers without being recreated", async () => {
    port = await freePort();
    server = startRedis(port);
    const connectionErrors: Error[] = [];
    store = new RedisCounterStore({
      url: `redis://127.0.0.1:${port}`,
      keyPrefix: runPrefix,
      maxReconnectDelayMs: 200,
      onConnectionError: (error) => connectionErrors.push(error),
    });
    const live = store;
    expect(await live.ready(5000)).toBe(true);
    expect((await live.takeToken("tb:outage", 0.001, 3, 0)).allowed).toBe(true);

    // Errors before this point come from connecting while redis-server was still starting.
    const errorsBeforeOutage = connectionErrors.length;
    let reconnectAttempts = 0;
    live.client.on("reconnecting", () => reconnectAttempts++);
    await stopRedis(server);
    for (let i = 0; i < 5; i++) {
      await expectFastFailure(() => live.takeToken("tb:outage", 0.001, 3, 0), "takeToken");
      await expectFastFailure(() => live.consumeQuota("q:outage", 10, "DAY", Date.now()), "consumeQuota");
      await expectFastFailure(() => live.readQuota(["q:outage"], "DAY", Date.now()), "readQuota");
    }
    await waitFor(() => reconnectAttempts >= 4, { what: "several failed reconnection attempts", timeoutMs: 5000 });
    await expectFastFailure(() => live.takeToken("tb:outage", 0.001, 3, 0), "takeToken");

    server = startRedis(port);
    await waitFor(
      () =>
        live.takeToken("tb:outage", 0.001, 3, 0).then(
          (r) => r.allowed,
          () => false,
        ),
      { what: "the store to serve again after Redis restarted", timeoutMs: 10_000 },
    );
    // A fresh Redis has no script cache and no data: the store reloaded its scripts.
    expect((await live.consumeQuota("q:outage", 10, "DAY", Date.now())).used).toBe(1);
    // Several failed reconnection attempts, one report: an outage must not flood the logs.
    expect(connectionErrors.length - errorsBeforeOutage).toBe(1);
  });

  it("times out within the command timeout when Redis hangs instead of closing the connection", async () => {
    port = await freePort();
    server = startRedis(port);
    store = new RedisCounterStore({ url: `redis://127.0.0.1:${port}`, keyPrefix: runPrefix, timeoutMs: 50 });
    const live = store;
    expect(await live.ready(5000)).toBe(true);
    expect((await live.takeToken("tb:hang", 1, 3, 0)).allowed).toBe(true);

    server.kill("SIGSTOP");
    await expectFastFailure(() => live.takeToken("tb:hang", 1, 3, 0), "takeToken");
    await expectFastFailure(() => live.consumeQuota("q:hang", 10, "DAY", Date.now()), "consumeQuota");
    server.kill("SIGCONT");
    await waitFor(
      () =>
        live.takeToken("tb:hang", 1, 3, 0).then(
          () => true,
          () => false,
        ),
      { what: "the store to serve again after Redis resumed", timeoutMs: 5000 },
    );
  });
});
