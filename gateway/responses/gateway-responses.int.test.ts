import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "@/test/support/gateway/http";
import { API_ID, STAGE, makeConsumers, makeSnapshot, mockRoute, proxyRoute } from "@/test/support/gateway/fixtures";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";

let gw: TestGateway;
const base = `/${API_ID}/${STAGE}`;
const KEY = "key-one-0123456789abcdef";
const OTHER_STAGE = "plain";

function lastLine(): Record<string, unknown> {
  const lines = gw.accessLines();
  return lines[lines.length - 1] ?? {};
}

const routes = [
  mockRoute("keyed", "GET", "/keyed", '{"ok":true}', { authorization: "API_KEY" }),
  mockRoute("validated", "POST", "/validated", '{"ok":true}', {
    requestModel: { type: "object", required: ["name"] },
    requestValidator: { body: true, params: false },
  }),
  proxyRoute("refused", "GET", "/refused", "http://127.0.0.1:9/nothing"),
];

beforeAll(async () => {
  gw = await startTestGateway();
  await gw.admin.applyConsumers(
    makeConsumers(
      [
        { id: "plan1", name: "Plan", apiStages: [{ apiId: API_ID, stage: STAGE }], throttle: { rateLimit: 0.001, burstLimit: 1 } },
        { id: "plan2", name: "Other", apiStages: [{ apiId: API_ID, stage: OTHER_STAGE }] },
      ],
      [
        { id: "key1", value: KEY, planIds: ["plan1"] },
        { id: "key2", value: "key-disabled-0123456789", planIds: ["plan1"], enabled: false },
      ],
    ),
  );
  await gw.admin.applyStage(
    API_ID,
    STAGE,
    makeSnapshot(routes, {
      stageVariables: { team: "pets" },
      api: {
        name: "Pet Store",
        cors: { allowOrigins: ["https://app.example.com"] },
        gatewayResponses: {
          DEFAULT_4XX: {
            responseParameters: { "gatewayresponse.header.x-default": "'4xx'" },
            responseTemplates: { "application/json": '{"error":$context.error.messageString,"type":"$context.error.responseType"}' },
          },
          BAD_REQUEST_BODY: {
            statusCode: 422,
            responseTemplates: { "application/json": "#foreach($i in [1..5000])x#end" },
          },
          THROTTLED: {
            statusCode: 503,
            responseParameters: {
              "gatewayresponse.header.x-team": "stageVariables.team",
              "gatewayresponse.header.x-trace": "method.request.header.x-trace",
            },
            responseTemplates: {
              "application/json": '{"slowDown":true,"requestId":"$context.requestId","trace":"$input.params(\'x-trace\')"}',
            },
          },
        },
      },
    }),
  );
  await gw.admin.applyStage(API_ID, OTHER_STAGE, { ...makeSnapshot(routes), stage: OTHER_STAGE });
});

afterAll(async () => {
  await gw?.close();
});

describe("gateway responses, as API Gateway's defaults", () => {
  const other = `/${API_ID}/${OTHER_STAGE}`;

  it("answers a missing key 403 Forbidden, logging key.missing", async () => {
    const response = await call(gw.proxyUrl, `${other}/keyed`);
    expect(response.status).toBe(403);
    expect(response.json()).toEqual({ message: "Forbidden" });
    expect(lastLine()).toMatchObject({ denialReason: "key.missing" });
  });

  it("counts refusals by reason in portico_denials_total", async () => {
    await call(gw.proxyUrl, `${other}/keyed`);
    const metrics = await gw.admin.request("GET", "/metrics");
    expect(String(metrics.body)).toMatch(/portico_denials_total\{api="petstore",stage="plain",reason="key\.missing"\} [1-9]/);
  });

  it("tells unknown, disabled and unattached keys apart in the log only", async () => {
    for (const [key, reason] of [
      ["no-such-key-0123456789", "key.unknown"],
      ["key-disabled-0123456789", "key.disabled"],
      [KEY, "plan.not-attached"],
    ]) {
      const response = await call(gw.proxyUrl, `${other}/keyed`, { headers: { "x-api-key": key } });
      expect(response.status).toBe(403);
      expect(response.json()).toEqual({ message: "Forbidden" });
      expect(lastLine()).toMatchObject({ denialReason: reason });
    }
  });

  it("keeps unknown routes at 404 Not Found and upstream failures at 502", async () => {
    const unknown = await call(gw.proxyUrl, `${other}/nowhere`);
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toEqual({ message: "Not Found" });
    expect(lastLine()).toMatchObject({ denialReason: "route.not-found" });
    const refused = await call(gw.proxyUrl, `${other}/refused`);
    expect(refused.status).toBe(502);
    expect(refused.json()).toEqual({ message: "Bad Gateway" });
    expect(lastLine()).toMatchObject({ denialReason: null });
  });

  it("logs validation.body for a body the model refuses", async () => {
    const response = await call(gw.proxyUrl, `${other}/validated`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(400);
    expect(lastLine()).toMatchObject({ denialReason: "validation.body" });
  });
});

describe("customised gateway responses", () => {
  it("renders the API's DEFAULT_4XX for a type it does not customise, keeping the type's status", async () => {
    const response = await call(gw.proxyUrl, `${base}/keyed`, { headers: { origin: "https://app.example.com" } });
    expect(response.status).toBe(403);
    expect(response.json()).toEqual({ error: "Forbidden", type: "INVALID_API_KEY" });
    expect(response.headers["x-default"]).toBe("4xx");
    expect(response.headers["access-control-allow-origin"]).toBe("https://app.example.com");
    expect(response.headers["x-request-id"]).toBeDefined();
  });

  it("renders a customised type with its own status, headers from literals, stage variables and the request, and $context", async () => {
    const first = await call(gw.proxyUrl, `${base}/keyed`, { headers: { "x-api-key": KEY } });
    expect(first.status).toBe(200);
    const throttled = await call(gw.proxyUrl, `${base}/keyed`, { headers: { "x-api-key": KEY, "x-trace": "t-1" } });
    expect(throttled.status).toBe(503);
    expect(throttled.headers["x-team"]).toBe("pets");
    expect(throttled.headers["x-trace"]).toBe("t-1");
    expect(throttled.headers["retry-after"]).toBeDefined();
    expect(throttled.json()).toEqual({ slowDown: true, requestId: throttled.headers["x-request-id"], trace: "t-1" });
    expect(lastLine()).toMatchObject({ status: 503, denialReason: "throttle.key" });
  });

  it("keeps the customised status but the default body when a template fails while rendering", async () => {
    const response = await call(gw.proxyUrl, `${base}/validated`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(422);
    expect((response.json() as { message: string }).message).toMatch(/^Invalid request body/);
  });

  it("leaves 5XX answers alone when only DEFAULT_4XX is customised", async () => {
    const refused = await call(gw.proxyUrl, `${base}/refused`);
    expect(refused.status).toBe(502);
    expect(refused.json()).toEqual({ message: "Bad Gateway" });
  });

  it("refuses a snapshot whose gateway response template does not parse, naming it", async () => {
    const response = await gw.admin.putStage(
      API_ID,
      "broken",
      makeSnapshot(routes, {
        stage: "broken",
        api: { name: "x", gatewayResponses: { UNAUTHORIZED: { responseTemplates: { "application/json": "#if($x" } } } },
      }),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain("api.gatewayResponses.UNAUTHORIZED.responseTemplates.application/json");
  });
});
