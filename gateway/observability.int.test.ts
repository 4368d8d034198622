import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregatesResponseSchema,
  histogramQuantile,
  LATENCY_BUCKET_COUNT,
  mergeHistograms,
  requestsResponseSchema,
  type AggregateRow,
  type RequestsResponse,
} from "@/lib/contracts/observability";
import { call } from "@/test/support/gateway/http";
import { API_ID, STAGE, makeConsumers, makeSnapshot, mockRoute, proxyRoute } from "@/test/support/gateway/fixtures";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";
import { startUpstream, type EchoBody, type TestUpstream } from "@/test/support/gateway/upstream";
import { startTestIssuer, type TestIssuer } from "@/test/support/jwt-issuer";

let upstream: TestUpstream;
let issuer: TestIssuer;
let gw: TestGateway;
const base = `/${API_ID}/${STAGE}`;
const KEY = "observability-key-value-1";

beforeAll(async () => {
  upstream = await startUpstream();
  issuer = await startTestIssuer();
  gw = await startTestGateway();
  await gw.admin.applyStage(
    API_ID,
    STAGE,
    makeSnapshot(
      [
        mockRoute("ok", "GET", "/ok"),
        proxyRoute("echo", "GET", "/echo", `${upstream.origin}/echo`),
        proxyRoute("slow", "GET", "/slow/{ms}", `${upstream.origin}/slow/{ms}/x`),
        proxyRoute("refused", "GET", "/refused", "http://127.0.0.1:9/nothing"),
        mockRoute("keyed", "GET", "/keyed", "{}", { apiKeyRequired: true }),
        proxyRoute("secure", "GET", "/secure", `${upstream.origin}/echo/secure`, { authorization: "JWT", authorizerId: "oidc" }),
      ],
      {
        api: {
          name: "Pet Store",
          cors: { allowOrigins: ["https://app.example.com"] },
          authorizers: [{ id: "oidc", name: "OIDC", type: "JWT", issuer: issuer.issuer, audience: [issuer.audience] }],
          gatewayResponses: { UNAUTHORIZED: { statusCode: 401, responseTemplates: { "application/json": '{"denied":true}' } } },
        },
      },
    ),
  );
  await gw.admin.applyConsumers(
    makeConsumers([{ id: "plan", apiStages: [{ apiId: API_ID, stage: STAGE }] }], [{ id: "k-obs", value: KEY, planIds: ["plan"] }]),
  );
});

afterAll(async () => {
  await gw?.close();
  await issuer?.close();
  await upstream?.close();
});

async function aggregates(): Promise<AggregateRow[]> {
  const response = await gw.admin.request("GET", "/v1/aggregates?since=0");
  expect(response.status).toBe(200);
  return aggregatesResponseSchema.parse(response.body).rows;
}

/** Counts per route/status class/key, summed over minutes (a run may straddle a minute). */
function countsOf(rows: AggregateRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const key = `${row.route ?? "(none)"} ${row.statusClass} ${row.apiKeyId ?? "-"}`;
    counts[key] = (counts[key] ?? 0) + row.count;
  }
  return counts;
}

async function requests(query: string): Promise<RequestsResponse> {
  const response = await gw.admin.request("GET", `/v1/requests?${query}`);
  expect(response.status).toBe(200);
  return requestsResponseSchema.parse(response.body);
}

describe("per-minute aggregates", () => {
  it("count every request of a stage exactly, by route, status class and API key, and leave out unknown APIs", async () => {
    const before = countsOf(await aggregates());
    const sends = [
      ...Array.from({ length: 7 }, () => call(gw.proxyUrl, `${base}/ok`)),
      ...Array.from({ length: 3 }, () => call(gw.proxyUrl, `${base}/refused`)),
      ...Array.from({ length: 4 }, () => call(gw.proxyUrl, `${base}/keyed`, { headers: { "x-api-key": KEY } })),
      ...Array.from({ length: 2 }, () => call(gw.proxyUrl, `${base}/keyed`)),
      ...Array.from({ length: 5 }, () => call(gw.proxyUrl, `${base}/no/such/path`)),
      ...Array.from({ length: 6 }, () => call(gw.proxyUrl, "/unknown-api/prod/ok")),
    ];
    const statuses = (await Promise.all(sends)).map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(11);
    const after = countsOf(await aggregates());
    const delta = Object.fromEntries(Object.entries(after).map(([key, count]) => [key, count - (before[key] ?? 0)]));
    expect(Object.fromEntries(Object.entries(delta).filter(([, count]) => count > 0))).toEqual({
      "GET /ok 2xx -": 7,
      "GET /refused 5xx -": 3,
      "GET /keyed 2xx k-obs": 4,
      "GET /keyed 4xx -": 2,
      "(none) 4xx -": 5,
    });
    const rows = await aggregates();
    expect(rows.every((row) => row.apiId === API_ID && row.stage === STAGE)).toBe(true);
  });

  it("hold latency histograms whose percentiles match the gateway's own measured latencies within a bucket", async () => {
    const delays = Array.from({ length: 40 }, (_, i) => 5 + ((i * 37) % 120));
    gw.accessLines();
    for (const ms of delays) await call(gw.proxyUrl, `${base}/slow/${ms}`);
    const raw = gw
      .accessLines()
      .filter((line) => line.route === "GET /slow/{ms}")
      .map((line) => Number(line.totalMs))
      .sort((a, b) => a - b);
    expect(raw).toHaveLength(delays.length);
    const dense = new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
    const integration = new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
    let count = 0;
    for (const row of await aggregates()) {
      if (row.route !== "GET /slow/{ms}") continue;
      count += row.count;
      mergeHistograms(dense, row.latency);
      mergeHistograms(integration, row.integrationLatency);
    }
    expect(count).toBe(delays.length);
    for (const q of [0.5, 0.9, 0.99]) {
      const exact = raw[Math.ceil(q * raw.length) - 1];
      const estimate = histogramQuantile(dense, q);
      expect(estimate).not.toBeNull();
      // Buckets are 2^(1/8) ≈ 9 % wide: the estimate lies in the bucket of the exact value or next to it.
      expect(Math.abs((estimate ?? 0) - exact) / exact).toBeLessThan(0.1);
    }
    // Integration latency is part of the total: never above it.
    expect(histogramQuantile(integration, 0.5) ?? 0).toBeLessThanOrEqual((histogramQuantile(dense, 0.5) ?? 0) * 1.1);
  });

  it("name the node and its boot, and say which minute is current and which is the oldest held", async () => {
    const body = aggregatesResponseSchema.parse((await gw.admin.request("GET", "/v1/aggregates")).body);
    expect(body.node).toMatch(/^gateway-/);
    expect(body.bootId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.currentMinute % 60_000).toBe(0);
    expect(body.oldestMinute).toBeLessThanOrEqual(body.currentMinute);
    const later = aggregatesResponseSchema.parse(
      (await gw.admin.request("GET", `/v1/aggregates?since=${body.currentMinute + 60_000}`)).body,
    );
    expect(later.rows).toEqual([]);
    expect((await gw.admin.request("GET", "/v1/aggregates?since=yesterday")).status).toBe(400);
  });
});

describe("request buffer", () => {
  it("finds a request by the id the caller got back, with its timings, key and steps", async () => {
    const response = await call(gw.proxyUrl, `${base}/echo?x=1`);
    const requestId = String(response.headers["x-request-id"]);
    const found = await requests(`requestId=${requestId}`);
    expect(found.items).toHaveLength(1);
    const [record] = found.items;
    expect(record).toMatchObject({ requestId, apiId: API_ID, stage: STAGE, method: "GET", path: "/echo", route: "GET /echo", status: 200 });
    expect(record.integrationLatencyMs).toBeGreaterThan(0);
    expect(record.latencyMs).toBeGreaterThanOrEqual(record.integrationLatencyMs ?? 0);
    expect(record.steps?.map((step) => step.name)).toEqual(["integration", "gateway"]);
    expect(found.sampling).toEqual({ successRate: 1, errorsKept: 2000, successesKept: 2000 });
  });

  it("filters by status code or class, route, method, API key, time and limit, newest first", async () => {
    const start = Date.now();
    await call(gw.proxyUrl, `${base}/refused`);
    await call(gw.proxyUrl, `${base}/keyed`, { headers: { "x-api-key": KEY } });
    await call(gw.proxyUrl, `${base}/keyed`);
    await call(gw.proxyUrl, `${base}/ok`, { method: "POST" });
    const since = `from=${start}`;
    const fiveHundreds = await requests(`${since}&status=5xx`);
    expect(fiveHundreds.items.map((item) => [item.route, item.status, item.reason])).toEqual([["GET /refused", 502, "upstream_refused"]]);
    expect((await requests(`${since}&status=403`)).items.map((item) => item.reason)).toEqual(["key.missing"]);
    expect((await requests(`${since}&apiKeyId=k-obs`)).items.map((item) => item.route)).toEqual(["GET /keyed"]);
    expect((await requests(`${since}&method=post`)).items.map((item) => [item.status, item.reason])).toEqual([[405, "route.method"]]);
    const all = await requests(`${since}&apiId=${API_ID}&stage=${STAGE}`);
    expect(all.items).toHaveLength(4);
    expect(all.items.map((item) => item.at)).toEqual([...all.items.map((item) => item.at)].sort((a, b) => b - a));
    expect((await requests(`${since}&limit=2`)).items).toHaveLength(2);
    expect((await requests(`${since}&route=${encodeURIComponent("GET /keyed")}&status=2xx`)).items).toHaveLength(1);
    expect((await requests(`to=${start - 1}&route=${encodeURIComponent("GET /refused")}&${since}`)).items).toEqual([]);
    expect((await gw.admin.request("GET", "/v1/requests?status=abc")).status).toBe(400);
    expect((await gw.admin.request("GET", "/v1/requests?limit=5000")).status).toBe(400);
  });

  it("never records the API key, a token or a body", async () => {
    const token = await issuer.sign();
    await call(gw.proxyUrl, `${base}/secure`, { headers: { authorization: `Bearer ${token}` } });
    await call(gw.proxyUrl, `${base}/keyed`, { headers: { "x-api-key": KEY } });
    const text = JSON.stringify(await requests("limit=1000"));
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(token);
    const secure = (await requests(`route=${encodeURIComponent("GET /secure")}&limit=1`)).items[0];
    expect(secure.steps?.map((step) => step.name)).toEqual(["authorizer", "integration", "gateway"]);
  });
});

describe("request ids", () => {
  function expectIds(headers: Record<string, string | string[] | undefined>): void {
    expect(headers["x-request-id"]).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
    expect(headers["x-amzn-requestid"]).toBe(headers["x-request-id"]);
  }

  it("are on every kind of answer: integration, mock, gateway errors, custom gateway responses, CORS preflights", async () => {
    expectIds((await call(gw.proxyUrl, `${base}/echo`)).headers);
    expectIds((await call(gw.proxyUrl, `${base}/ok`)).headers);
    expectIds((await call(gw.proxyUrl, "/unknown-api/prod/x")).headers);
    expectIds((await call(gw.proxyUrl, "/")).headers);
    expectIds((await call(gw.proxyUrl, `${base}/ok`, { method: "DELETE" })).headers);
    expectIds((await call(gw.proxyUrl, `${base}/refused`)).headers);
    const custom = await call(gw.proxyUrl, `${base}/secure`);
    expect(custom.status).toBe(401);
    expect(custom.text).toBe('{"denied":true}');
    expectIds(custom.headers);
    const preflight = await call(gw.proxyUrl, `${base}/ok`, {
      method: "OPTIONS",
      headers: { origin: "https://app.example.com", "access-control-request-method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expectIds(preflight.headers);
  });

  it("replace a client's own x-request-id, which never reaches the upstream", async () => {
    const response = await call(gw.proxyUrl, `${base}/echo`, { headers: { "x-request-id": "client-chosen" } });
    expect(response.headers["x-request-id"]).not.toBe("client-chosen");
    expect((response.json() as EchoBody).headers["x-request-id"]).toBe(response.headers["x-request-id"]);
  });

  it("are on the answer to a malformed request too", async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(gw.proxyUrl).port), "127.0.0.1", () => socket.write("NOT A REQUEST\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    const id = /x-request-id: (\S+)/.exec(raw)?.[1];
    expect(id).toBeDefined();
    expect(raw).toContain(`x-amzn-RequestId: ${id}`);
  });
});

describe("trace context", () => {
  it("keeps the caller's trace id and passes the gateway's own span to the upstream as its parent", async () => {
    const incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const echo = (
      await call(gw.proxyUrl, `${base}/echo`, { headers: { traceparent: incoming, tracestate: "vendor=1" } })
    ).json() as EchoBody;
    const sent = String(echo.headers.traceparent);
    expect(sent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(sent).not.toBe(incoming);
    expect(echo.headers.tracestate).toBe("vendor=1");
    expect(echo.headers["x-amzn-trace-id"]).toBe(`Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=${sent.split("-")[2]};Sampled=1`);
  });

  it("starts a trace when the caller sent none or a malformed one, and keeps a caller's x-amzn-trace-id", async () => {
    for (const traceparent of [undefined, "00-zz-00f067aa0ba902b7-01", "00-00000000000000000000000000000000-00f067aa0ba902b7-01"]) {
      const headers: Record<string, string> = traceparent === undefined ? {} : { traceparent };
      const echo = (await call(gw.proxyUrl, `${base}/echo`, { headers })).json() as EchoBody;
      expect(String(echo.headers.traceparent)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(String(echo.headers.traceparent)).not.toContain("00000000000000000000000000000000");
    }
    const kept = (
      await call(gw.proxyUrl, `${base}/echo`, { headers: { "x-amzn-trace-id": "Root=1-5759e988-bd862e3fe1be46a994272793" } })
    ).json() as EchoBody;
    expect(kept.headers["x-amzn-trace-id"]).toBe("Root=1-5759e988-bd862e3fe1be46a994272793");
  });
});
