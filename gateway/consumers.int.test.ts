import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsumersInput } from "@/lib/contracts";
import { StoreUnavailableError, type CounterStore } from "@/gateway/stores";
import { call } from "@/test/support/gateway/http";
import { API_ID, STAGE, makeConsumers, makeSnapshot, mockRoute, proxyRoute } from "@/test/support/gateway/fixtures";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";
import { startUpstream, type EchoBody, type TestUpstream } from "@/test/support/gateway/upstream";
import { waitFor } from "@/test/support/wait-for";

const base = `/${API_ID}/${STAGE}`;
const keyed = { authorization: "API_KEY" as const };

/** The suite's keys and plans; `freeEnabled` toggles one key to test revocation. */
function consumersDoc(freeEnabled: boolean): ConsumersInput {
  return makeConsumers(
    [
      {
        id: "gold",
        throttle: { rateLimit: 1000, burstLimit: 1000 },
        quota: { limit: 1000, period: "DAY" },
        apiStages: [{ apiId: API_ID, stage: STAGE, throttle: { "/burst/GET": { rateLimit: 0.001, burstLimit: 2 } } }],
      },
      { id: "tiny", quota: { limit: 2, period: "MONTH" }, apiStages: [{ apiId: API_ID, stage: STAGE }] },
      { id: "unlimited", apiStages: [{ apiId: API_ID, stage: STAGE }] },
    ],
    [
      { id: "k-gold", value: "gold-key-value-123", planIds: ["gold"] },
      { id: "k-tiny", value: "tiny-key-value-123", planIds: ["tiny"] },
      { id: "k-free", value: "free-key-value-123", planIds: ["unlimited"], enabled: freeEnabled },
      { id: "k-off", value: "disabled-key-value", planIds: ["gold"], enabled: false },
      { id: "k-old", value: "expired-key-value", planIds: ["gold"], expiresAt: "2020-01-01T00:00:00Z" },
      { id: "k-soon", value: "rotating-key-value", planIds: ["gold"], expiresAt: "2999-01-01T00:00:00Z" },
      { id: "k-noplan", value: "no-plan-key-value", planIds: [] },
    ],
  );
}

describe("API keys, usage plans and CORS", () => {
  let upstream: TestUpstream;
  let gw: TestGateway;

  beforeAll(async () => {
    upstream = await startUpstream();
    gw = await startTestGateway();
    await gw.admin.applyStage(
      API_ID,
      STAGE,
      makeSnapshot(
        [
          mockRoute("open", "GET", "/open"),
          mockRoute("secret", "GET", "/secret", '{"secret":true}', keyed),
          mockRoute("burst", "GET", "/burst", "{}", keyed),
          mockRoute("counted", "GET", "/counted", "{}", keyed),
          mockRoute("free", "GET", "/free", "{}", keyed),
          proxyRoute("create", "POST", "/pets", `${upstream.origin}/echo/pets`, {
            requestValidator: { body: true, params: true },
            requestParameters: { path: {}, querystring: { owner: true }, header: { "X-Trace": true } },
            requestModel: {
              type: "object",
              required: ["name"],
              properties: { name: { type: "string", minLength: 1 }, age: { type: "integer", minimum: 0 } },
            },
          }),
        ],
        {
          api: {
            name: "Pets",
            cors: { allowOrigins: ["https://app.example.com"], allowHeaders: ["content-type", "x-api-key"], maxAge: 600 },
          },
        },
      ),
    );
    await gw.admin.applyStage(API_ID, "other", { ...makeSnapshot([mockRoute("secret", "GET", "/secret", "{}", keyed)]), stage: "other" });
    await gw.admin.applyConsumers(consumersDoc(true));
  });

  afterAll(async () => {
    await gw?.close();
    await upstream?.close();
  });

  it("refuses a missing, unknown, disabled or expired key, or one whose plan does not cover the stage, with a bare 403", async () => {
    for (const key of [undefined, "nope", "disabled-key-value", "expired-key-value", "no-plan-key-value"]) {
      const response = await call(gw.proxyUrl, `${base}/secret`, { headers: key === undefined ? {} : { "x-api-key": key } });
      expect(response.status, String(key)).toBe(403);
      expect(response.json()).toEqual({ message: "Forbidden" });
    }
    const otherStage = await call(gw.proxyUrl, `/${API_ID}/other/secret`, { headers: { "x-api-key": "gold-key-value-123" } });
    expect(otherStage.status).toBe(403);
  });

  it("serves a valid key (including one in its rotation grace period) with RateLimit headers", async () => {
    for (const key of ["gold-key-value-123", "rotating-key-value"]) {
      const response = await call(gw.proxyUrl, `${base}/secret`, { headers: { "x-api-key": key } });
      expect(response.status).toBe(200);
      expect(response.json()).toEqual({ secret: true });
      expect(response.headers["ratelimit-limit"]).toBe("1000");
      expect(Number(response.headers["ratelimit-remaining"])).toBeLessThan(1000);
      expect(Number(response.headers["ratelimit-reset"])).toBeGreaterThan(0);
    }
  });

  it("lets routes that need no key through without one", async () => {
    const response = await call(gw.proxyUrl, `${base}/open`);
    expect(response.status).toBe(200);
    expect(response.headers["ratelimit-limit"]).toBeUndefined();
  });

  it("applies a per-method throttle with 429 'Too Many Requests' and a Retry-After", async () => {
    const headers = { "x-api-key": "gold-key-value-123" };
    expect((await call(gw.proxyUrl, `${base}/burst`, { headers })).status).toBe(200);
    expect((await call(gw.proxyUrl, `${base}/burst`, { headers })).status).toBe(200);
    const refused = await call(gw.proxyUrl, `${base}/burst`, { headers });
    expect(refused.status).toBe(429);
    expect(refused.json()).toEqual({ message: "Too Many Requests" });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    // The plan's own bucket is separate: other methods still pass.
    expect((await call(gw.proxyUrl, `${base}/secret`, { headers })).status).toBe(200);
  });

  it("enforces the quota with 429 'Limit Exceeded' and reports usage on the admin API", async () => {
    const headers = { "x-api-key": "tiny-key-value-123" };
    expect((await call(gw.proxyUrl, `${base}/counted`, { headers })).status).toBe(200);
    const second = await call(gw.proxyUrl, `${base}/counted`, { headers });
    expect(second.status).toBe(200);
    expect(second.headers["ratelimit-remaining"]).toBe("0");
    const refused = await call(gw.proxyUrl, `${base}/counted`, { headers });
    expect(refused.status).toBe(429);
    expect(refused.json()).toEqual({ message: "Limit Exceeded" });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);

    const usage = await gw.admin.request("GET", "/v1/usage?keys=k-tiny,k-free,unknown");
    expect(usage.status).toBe(200);
    expect((usage.body as { usage: unknown[] }).usage).toEqual([
      expect.objectContaining({ keyId: "k-tiny", planId: "tiny", period: "MONTH", limit: 2, used: 2, remaining: 0 }),
    ]);
  });

  it("stops accepting a key as soon as a consumers push disables it", async () => {
    const headers = { "x-api-key": "free-key-value-123" };
    expect((await call(gw.proxyUrl, `${base}/free`, { headers })).status).toBe(200);
    await gw.admin.applyConsumers(consumersDoc(false));
    expect((await call(gw.proxyUrl, `${base}/free`, { headers })).status).toBe(403);
  });

  it("answers CORS preflights itself and puts CORS headers on its own errors", async () => {
    const preflight = await call(gw.proxyUrl, `${base}/secret`, {
      method: "OPTIONS",
      headers: { origin: "https://app.example.com", "access-control-request-method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("https://app.example.com");
    expect(preflight.headers["access-control-allow-headers"]).toBe("content-type, x-api-key");
    expect(preflight.headers["access-control-max-age"]).toBe("600");

    const forbidden = await call(gw.proxyUrl, `${base}/secret`, { headers: { origin: "https://app.example.com" } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers["access-control-allow-origin"]).toBe("https://app.example.com");
    const missing = await call(gw.proxyUrl, `${base}/nothing-here`, { headers: { origin: "https://app.example.com" } });
    expect(missing.status).toBe(404);
    expect(missing.headers["access-control-allow-origin"]).toBe("https://app.example.com");
    const stranger = await call(gw.proxyUrl, `${base}/open`, { headers: { origin: "https://evil.example" } });
    expect(stranger.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("validates required parameters and the JSON body, naming the failing field, before calling the upstream", async () => {
    const before = upstream.received("/echo");
    const missing = await call(gw.proxyUrl, `${base}/pets`, {
      method: "POST",
      body: '{"name":"rex"}',
      headers: { "content-type": "application/json" },
    });
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual({ message: "Missing required request parameters: [x-trace, owner]" });

    const headers = { "content-type": "application/json", "x-trace": "t1" };
    const wrongType = await call(gw.proxyUrl, `${base}/pets?owner=me`, { method: "POST", body: '{"name":"rex","age":"old"}', headers });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json()).toEqual({ message: "Invalid request body: /age must be integer" });
    const noName = await call(gw.proxyUrl, `${base}/pets?owner=me`, { method: "POST", body: "{}", headers });
    expect((noName.json() as { message: string }).message).toBe("Invalid request body: must have required property 'name'");
    const notJson = await call(gw.proxyUrl, `${base}/pets?owner=me`, { method: "POST", body: "{", headers });
    expect(notJson.status).toBe(400);
    expect(upstream.received("/echo")).toBe(before);

    const valid = await call(gw.proxyUrl, `${base}/pets?owner=me`, { method: "POST", body: '{"name":"rex","age":3}', headers });
    expect(valid.status).toBe(200);
    const echo = valid.json() as EchoBody;
    expect(echo.bodyBytes).toBe('{"name":"rex","age":3}'.length);
    expect(echo.url).toBe("/echo/pets?owner=me");
  });

  it("logs one access line per request with the key id and never the key", async () => {
    const response = await call(gw.proxyUrl, `${base}/secret`, { headers: { "x-api-key": "gold-key-value-123" } });
    const requestId = response.headers["x-request-id"];
    // The line is written when the server side of the exchange closes, just after the client has the answer.
    const last = (await waitFor(() => gw.accessLines().find((line) => line.requestId === requestId), {
      what: "the request's access line",
      timeoutMs: 5_000,
      intervalMs: 0,
    })) as Record<string, unknown>;
    expect(last).toMatchObject({ api: API_ID, stage: STAGE, route: "GET /secret", keyId: "k-gold", status: 200 });
    expect(typeof last.totalMs).toBe("number");
    expect(typeof last.requestId).toBe("string");
    expect(JSON.stringify(gw.accessLines())).not.toContain("gold-key-value-123");
  });

  it("counts requests by api, stage, route and status in Prometheus metrics", async () => {
    const metrics = String((await gw.admin.request("GET", "/metrics")).body);
    expect(metrics).toMatch(/portico_requests_total\{api="petstore",stage="prod",route="GET \/secret",status="403"\} [1-9]/);
    expect(metrics).toMatch(/portico_request_duration_seconds_bucket\{le="0\.005",api="petstore",stage="prod",route="GET \/secret"\}/);
  });
});

describe("stage throttle and canary", () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("throttles keyless routes with the stage's default bucket", async () => {
    await gw.admin.applyStage(
      API_ID,
      STAGE,
      makeSnapshot([mockRoute("open", "GET", "/open")], { throttle: { rateLimit: 0.001, burstLimit: 3 } }),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(gw.proxyUrl, `${base}/open`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it("sends the canary share of traffic to the canary deployment, sticky per API key, and says which served", async () => {
    const snapshot = makeSnapshot([mockRoute("r", "GET", "/r", '{"v":"main"}')], {
      deploymentId: "main",
      canary: { percent: 50, deploymentId: "canary", routes: [mockRoute("r", "GET", "/r", '{"v":"canary"}')] },
    });
    await gw.admin.applyStage(API_ID, STAGE, snapshot);
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const response = await call(gw.proxyUrl, `${base}/r`);
      const which = (response.json() as { v: string }).v;
      seen.add(which);
      expect(response.headers["x-portico-deployment"]).toBe(which);
      expect(response.headers["x-portico-canary"]).toBe(which === "canary" ? "true" : "false");
    }
    expect(seen).toEqual(new Set(["main", "canary"]));
    for (const key of ["key-a", "key-b", "key-c", "key-d"]) {
      const first = (await call(gw.proxyUrl, `${base}/r`, { headers: { "x-api-key": key } })).headers["x-portico-deployment"];
      for (let i = 0; i < 5; i++) {
        expect((await call(gw.proxyUrl, `${base}/r`, { headers: { "x-api-key": key } })).headers["x-portico-deployment"]).toBe(first);
      }
    }
  });
});

describe("counter store unavailable", () => {
  const failingStore: CounterStore = {
    kind: "redis",
    takeToken: () => Promise.reject(new StoreUnavailableError("redis", "takeToken", "connection refused")),
    consumeQuota: () => Promise.reject(new StoreUnavailableError("redis", "consumeQuota", "connection refused")),
    readQuota: () => Promise.reject(new StoreUnavailableError("redis", "readQuota", "connection refused")),
    countUsage: () => Promise.reject(new StoreUnavailableError("redis", "countUsage", "connection refused")),
    readDailyUsage: () => Promise.reject(new StoreUnavailableError("redis", "readDailyUsage", "connection refused")),
    close: async () => {},
  };

  async function gatewayWith(storeFailure: "open" | "closed"): Promise<TestGateway> {
    const gw = await startTestGateway({ store: failingStore, storeFailure });
    await gw.admin.applyStage(API_ID, STAGE, makeSnapshot([mockRoute("secret", "GET", "/secret", "{}", keyed)]));
    await gw.admin.applyConsumers(
      makeConsumers(
        [
          {
            id: "p",
            throttle: { rateLimit: 1, burstLimit: 1 },
            quota: { limit: 1, period: "DAY" },
            apiStages: [{ apiId: API_ID, stage: STAGE }],
          },
        ],
        [{ id: "k", value: "some-key-value-1", planIds: ["p"] }],
      ),
    );
    return gw;
  }

  it("fails open by default: requests pass and the failures are counted", async () => {
    const gw = await gatewayWith("open");
    try {
      for (let i = 0; i < 3; i++) {
        expect((await call(gw.proxyUrl, `${base}/secret`, { headers: { "x-api-key": "some-key-value-1" } })).status).toBe(200);
      }
      const metrics = String((await gw.admin.request("GET", "/metrics")).body);
      expect(metrics).toMatch(/portico_store_errors_total\{store="redis",op="takeToken"\} 3/);
      expect(metrics).toMatch(/portico_store_errors_total\{store="redis",op="consumeQuota"\} 3/);
    } finally {
      await gw.close();
    }
  });

  it("fails closed when configured: 503 instead of unmetered traffic", async () => {
    const gw = await gatewayWith("closed");
    try {
      const response = await call(gw.proxyUrl, `${base}/secret`, { headers: { "x-api-key": "some-key-value-1" } });
      expect(response.status).toBe(503);
      expect(response.json()).toEqual({ message: "Service Unavailable" });
    } finally {
      await gw.close();
    }
  });
});

describe("per-method throttles on ANY routes", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
    await gw.admin.applyStage(API_ID, STAGE, makeSnapshot([mockRoute("any", "ANY", "/things/{id}", "{}", keyed)]));
    await gw.admin.applyConsumers(
      makeConsumers(
        [{ id: "p", apiStages: [{ apiId: API_ID, stage: STAGE, throttle: { "/things/{id}/GET": { rateLimit: 0.001, burstLimit: 1 } } }] }],
        [{ id: "k", value: "any-route-key-value", planIds: ["p"] }],
      ),
    );
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("applies a plan's GET throttle to the GETs an ANY route serves, and not to its other methods", async () => {
    const headers = { "x-api-key": "any-route-key-value" };
    expect((await call(gw.proxyUrl, `${base}/things/1`, { headers })).status).toBe(200);
    expect((await call(gw.proxyUrl, `${base}/things/1`, { headers })).status).toBe(429);
    expect((await call(gw.proxyUrl, `${base}/things/1`, { method: "DELETE", headers })).status).toBe(200);
    expect((await call(gw.proxyUrl, `${base}/things/1`, { method: "DELETE", headers })).status).toBe(200);
  });
});
