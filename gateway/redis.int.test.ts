import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "@/test/support/gateway/http";
import { API_ID, STAGE, makeConsumers, makeSnapshot, mockRoute } from "@/test/support/gateway/fixtures";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";
import { requireRedisUrl, skipWithoutRedis } from "@/test/support/redis";

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

describe.skipIf(skipWithoutRedis)("replicas sharing Redis", () => {
  let a: TestGateway;
  let b: TestGateway;
  const run = randomUUID().slice(0, 8);
  const { snapshot, consumers, key } = setup(run);

  beforeAll(async () => {
    a = await startTestGateway({ redisUrl: requireRedisUrl() });
    b = await startTestGateway({ redisUrl: requireRedisUrl() });
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
});
