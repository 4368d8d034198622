import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "@/test/support/gateway/http";
import { API_ID, STAGE, makeConsumers, makeSnapshot, mockRoute } from "@/test/support/gateway/fixtures";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";
import { requireRedisUrl, skipWithoutRedis } from "@/test/support/redis";
import { waitFor } from "@/test/support/wait-for";

const base = `/${API_ID}/${STAGE}`;
const keyed = { authorization: "API_KEY" as const };

/** Unique ids per run, so counters left in a shared Redis by earlier runs never count. */
function setup(run: string) {
  return {
    snapshot: makeSnapshot([mockRoute("r", "GET", "/r", "{}", keyed), mockRoute("t", "GET", "/t", "{}", keyed)], {
      deploymentId: `d${run}`,
    }),
    consumers: makeConsumers(
      [
        {
          id: `quota${run}`,
          quota: { limit: 3, period: "DAY" },
          apiStages: [{ apiId: API_ID, stage: STAGE, throttle: { "/t/GET": { rateLimit: 0.001, burstLimit: 2 } } }],
        },
      ],
      [{ id: `key${run}`, value: `shared-key-${run}`, planIds: [`quota${run}`] }],
    ),
    key: `shared-key-${run}`,
  };
}

describe.skipIf(skipWithoutRedis)("replicas sharing Redis, a round trip per decision (GATEWAY_STORE_SYNC_MS=0)", () => {
  let a: TestGateway;
  let b: TestGateway;
  const run = randomUUID().slice(0, 8);
  const { snapshot, consumers, key } = setup(run);

  beforeAll(async () => {
    a = await startTestGateway({ redisUrl: requireRedisUrl(), storeSyncMs: 0 });
    b = await startTestGateway({ redisUrl: requireRedisUrl(), storeSyncMs: 0 });
    for (const gw of [a, b]) {
      await gw.admin.applyStage(API_ID, STAGE, snapshot);
      await gw.admin.applyConsumers(consumers);
    }
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it("shares one quota across gateways", async () => {
    const statuses: number[] = [];
    for (const gw of [a, b, a, b]) statuses.push((await call(gw.proxyUrl, `${base}/r`, { headers: { "x-api-key": key } })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const usage = await a.admin.request("GET", `/v1/usage?keys=key${run}`);
    expect((usage.body as { usage: { used: number }[] }).usage[0]?.used).toBe(3);
  });

  it("shares one token bucket across gateways", async () => {
    // A fresh key: the quota above is spent.
    const fresh = setup(`${run}b`);
    for (const gw of [a, b]) await gw.admin.applyConsumers(fresh.consumers);
    const statuses: number[] = [];
    for (const gw of [a, b, a]) statuses.push((await call(gw.proxyUrl, `${base}/t`, { headers: { "x-api-key": fresh.key } })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe.skipIf(skipWithoutRedis)("replicas sharing Redis, deciding locally and syncing in batches (the default)", () => {
  const gateways: TestGateway[] = [];
  // One admission per key between syncs, so the bound is small enough to see: limit + (replicas - 1) x 1.
  const syncHits = 1;

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) gateways.push(await startTestGateway({ redisUrl: requireRedisUrl(), storeSyncHits: syncHits }));
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gw) => gw.close()));
  });

  it("keeps a shared quota within limit + (replicas - 1) x GATEWAY_STORE_SYNC_HITS, and counts exactly the requests served", async () => {
    const run = randomUUID().slice(0, 8);
    const { snapshot, consumers, key } = setup(run);
    for (const gw of gateways) {
      await gw.admin.applyStage(API_ID, STAGE, snapshot);
      await gw.admin.applyConsumers(consumers);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const gw = gateways[i % gateways.length];
      statuses.push((await call(gw.proxyUrl, `${base}/r`, { headers: { "x-api-key": key } })).status);
    }
    const served = statuses.filter((status) => status === 200).length;
    expect(served).toBeGreaterThanOrEqual(3);
    expect(served).toBeLessThanOrEqual(3 + (gateways.length - 1) * syncHits);
    expect(statuses.slice(served)).toEqual(Array<number>(statuses.length - served).fill(429));
    // Every served request reaches Redis with the next sync: the usage the console reads is exact.
    await waitFor(
      async () =>
        ((await gateways[0].admin.request("GET", `/v1/usage?keys=key${run}`)).body as { usage: { used: number }[] }).usage[0]?.used ===
        served,
      { what: `the shared quota counter to reach the ${served} requests served` },
    );
  });
});

describe("Redis unreachable", () => {
  let gw: TestGateway;
  const { snapshot, consumers, key } = setup(randomUUID().slice(0, 8));

  beforeAll(async () => {
    // Port 1 on loopback: nothing listens, connections are refused at once.
    gw = await startTestGateway({ redisUrl: "redis://127.0.0.1:1", storeTimeoutMs: 50 });
    await gw.admin.applyStage(API_ID, STAGE, snapshot);
    await gw.admin.applyConsumers(consumers);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("fails open quickly without hanging requests, and counts the store errors", async () => {
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const response = await call(gw.proxyUrl, `${base}/r`, { headers: { "x-api-key": key } });
      expect(response.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
    const metrics = String((await gw.admin.request("GET", "/metrics")).body);
    expect(metrics).toMatch(/portico_store_errors_total\{store="redis",op="consumeQuota"\} [1-9]/);
  });

  it("counts every request let through unchecked in metrics and shows the count in readiness", async () => {
    const before = (await gw.admin.request("GET", "/readyz", undefined, null)).body as { store: { failOpenDecisions: number } };
    for (let i = 0; i < 3; i++) expect((await call(gw.proxyUrl, `${base}/t`, { headers: { "x-api-key": key } })).status).toBe(200);
    const ready = await gw.admin.request("GET", "/readyz", undefined, null);
    // Still ready: the node serves, as its fail-open policy says, but the probe shows that limits went unenforced.
    expect(ready.status).toBe(200);
    const store = (ready.body as { store: { kind: string; failOpenDecisions: number; errors: number; lastError: { op: string } | null } })
      .store;
    expect(store.kind).toBe("redis");
    // Each request skipped its throttle and its quota: two decisions.
    expect(store.failOpenDecisions - before.store.failOpenDecisions).toBe(6);
    expect(store.errors).toBeGreaterThanOrEqual(store.failOpenDecisions);
    expect(store.lastError?.op).toMatch(/takeToken|consumeQuota|countUsage/);
    const metrics = String((await gw.admin.request("GET", "/metrics")).body);
    const counted = [...metrics.matchAll(/^portico_store_fail_open_total\{store="redis",op="(\w+)"\} (\d+)$/gm)];
    expect(new Set(counted.map((match) => match[1]))).toEqual(new Set(["takeToken", "consumeQuota"]));
    expect(counted.reduce((sum, match) => sum + Number(match[2]), 0)).toBe(store.failOpenDecisions);
  });
});
