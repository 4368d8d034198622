import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthorizerInput } from "@/lib/contracts";
import { LambdaInvoker } from "@/gateway/lambda/invoke";
import { call } from "@/test/support/gateway/http";
import { API_ID, STAGE, makeConsumers, makeSnapshot, mockRoute } from "@/test/support/gateway/fixtures";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";
import { sleep, startInvokeServer, type InvokeServer } from "@/test/support/lambda/invoke-server";

let lambda: InvokeServer;
let invoker: LambdaInvoker;
let gw: TestGateway;
const saved = { ...process.env };
const base = `/${API_ID}/${STAGE}`;
const KEYED_STAGE = "keyed";
const KEY = "key-from-authorizer-0123456789";

const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

function policy(effect: "Allow" | "Deny", resource: string | string[]) {
  return { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: resource }] };
}

function lastLine(): Record<string, unknown> {
  const lines = gw.accessLines();
  return lines[lines.length - 1] ?? {};
}

function auth(token: string): Record<string, string> {
  return { authorization: token };
}

beforeAll(async () => {
  lambda = await startInvokeServer();
  process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
  process.env.AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  process.env.AWS_REGION = "us-east-1";
  invoker = new LambdaInvoker({ endpoint: lambda.endpoint });

  // Allows exactly the method ARN it was asked about: a cached answer covers that method only.
  lambda.define("exact", (event) => {
    const { authorizationToken, methodArn } = event as { authorizationToken: string; methodArn: string };
    if (authorizationToken === "deny") return { principalId: "u-deny", policyDocument: policy("Deny", methodArn) };
    return { principalId: `user-${authorizationToken}`, policyDocument: policy("Allow", methodArn), context: { tier: "gold", n: 1 } };
  });
  lambda.define("wide", () => ({ principalId: "wide", policyDocument: policy("Allow", "arn:aws:execute-api:*:*:petstore/*") }));
  lambda.define("unauthorized", () => {
    throw new Error("Unauthorized");
  });
  lambda.define("crash", () => {
    throw new TypeError("cannot read properties of undefined");
  });
  lambda.define("slow", async () => {
    await sleep(1_000);
    return { principalId: "late", policyDocument: policy("Allow", "*") };
  });
  lambda.define("garbage", () => ({ policyDocument: policy("Allow", "*") }));
  lambda.define("request", (event) => {
    const { queryStringParameters } = event as { queryStringParameters: Record<string, string> | null };
    return {
      principalId: "req",
      policyDocument: policy(queryStringParameters?.tenant === "blocked" ? "Deny" : "Allow", "*"),
    };
  });
  lambda.define("simple", (event) => {
    const { headers } = event as { headers: Record<string, string> };
    return { isAuthorized: headers["x-secret"] === "open-sesame", context: { who: "simple" } };
  });
  lambda.define("with-key", (event) => {
    const { authorizationToken } = event as { authorizationToken: string };
    return {
      principalId: "keyholder",
      policyDocument: policy("Allow", "*"),
      ...(authorizationToken === "with-key" ? { usageIdentifierKey: KEY } : {}),
    };
  });

  const authorizers: AuthorizerInput[] = [
    { id: "exact", name: "Exact", type: "TOKEN", target: fn("exact"), identityValidationExpression: "[a-z0-9-]+" },
    { id: "wide", name: "Wide", type: "TOKEN", target: fn("wide"), resultTtlSeconds: 0 },
    { id: "unauthorized", name: "U", type: "TOKEN", target: fn("unauthorized") },
    { id: "crash", name: "C", type: "TOKEN", target: fn("crash") },
    { id: "slow", name: "S", type: "TOKEN", target: fn("slow"), timeoutMs: 200 },
    { id: "garbage", name: "G", type: "TOKEN", target: fn("garbage") },
    { id: "missingFn", name: "M", type: "TOKEN", target: fn("no-such-function") },
    {
      id: "request",
      name: "R",
      type: "REQUEST",
      target: fn("request"),
      identitySource: ["method.request.header.x-tenant-token", "method.request.querystring.tenant"],
    },
    { id: "simple", name: "Simple", type: "REQUEST", target: fn("simple"), simpleResponses: true, identitySource: [] },
    {
      id: "v2",
      name: "V2",
      type: "REQUEST",
      target: fn("simple"),
      simpleResponses: true,
      payloadFormatVersion: "2.0",
      identitySource: ["method.request.header.x-secret"],
    },
  ];
  const custom = (id: string, path: string, authorizerId: string) =>
    mockRoute(id, "GET", path, `{"route":"${id}"}`, { authorization: "CUSTOM", authorizerId });

  gw = await startTestGateway({ lambda: invoker });
  await gw.admin.applyConsumers(
    makeConsumers(
      [{ id: "plan1", name: "Plan", apiStages: [{ apiId: API_ID, stage: KEYED_STAGE }] }],
      [{ id: "key1", value: KEY, planIds: ["plan1"] }],
    ),
  );
  await gw.admin.applyStage(
    API_ID,
    STAGE,
    makeSnapshot(
      [
        custom("pets", "/token/pets", "exact"),
        custom("owners", "/token/owners", "exact"),
        custom("wide", "/wide", "wide"),
        custom("unauthorized", "/unauthorized", "unauthorized"),
        custom("crash", "/crash", "crash"),
        custom("slow", "/slow", "slow"),
        custom("garbage", "/garbage", "garbage"),
        custom("missingFn", "/missing-fn", "missingFn"),
        mockRoute("request", "GET", "/request/{id}", '{"route":"request"}', { authorization: "CUSTOM", authorizerId: "request" }),
        custom("simple", "/simple", "simple"),
        mockRoute("v2", "GET", "/v2/{id}", '{"route":"v2"}', { authorization: "CUSTOM", authorizerId: "v2" }),
      ],
      {
        stageVariables: { env: "test" },
        api: {
          name: "Pet Store",
          authorizers,
          gatewayResponses: {
            ACCESS_DENIED: {
              responseTemplates: {
                "application/json": '{"message":$context.error.messageString,"principal":"$context.authorizer.principalId"}',
              },
            },
          },
        },
      },
    ),
  );
  await gw.admin.applyStage(API_ID, KEYED_STAGE, {
    ...makeSnapshot(
      [
        mockRoute("keyed", "GET", "/keyed", '{"route":"keyed"}', {
          authorization: "CUSTOM",
          authorizerId: "withKey",
          apiKeyRequired: true,
        }),
      ],
      {
        api: {
          name: "Pet Store",
          apiKeySource: "AUTHORIZER",
          authorizers: [{ id: "withKey", name: "K", type: "TOKEN", target: fn("with-key") }],
          gatewayResponses: {
            INVALID_API_KEY: { responseTemplates: { "application/json": '{"principal":"$context.authorizer.principalId"}' } },
          },
        },
      },
    ),
    stage: KEYED_STAGE,
  });
});

afterAll(async () => {
  process.env = saved;
  await gw?.close();
  invoker?.close();
  await lambda?.close();
});

describe("TOKEN authorizers", () => {
  it("sends API Gateway's TOKEN event and lets an allowed request in", async () => {
    const response = await call(gw.proxyUrl, `${base}/token/pets`, { headers: auth("alice") });
    expect(response.status).toBe(200);
    expect(lambda.events("exact")[0]).toEqual({
      type: "TOKEN",
      authorizationToken: "alice",
      methodArn: "arn:aws:execute-api:us-east-1:000000000000:petstore/prod/GET/token/pets",
    });
    expect(lambda.lastAuthorization()).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it("answers the same token from its result cache, without invoking again", async () => {
    const before = lambda.invocations("exact");
    for (let i = 0; i < 3; i++) expect((await call(gw.proxyUrl, `${base}/token/pets`, { headers: auth("bob") })).status).toBe(200);
    expect(lambda.invocations("exact")).toBe(before + 1);
  });

  it("evaluates a cached policy against each method: a policy for one method does not open another", async () => {
    await call(gw.proxyUrl, `${base}/token/pets`, { headers: auth("carol") });
    const before = lambda.invocations("exact");
    const response = await call(gw.proxyUrl, `${base}/token/owners`, { headers: auth("carol") });
    expect(response.status).toBe(403);
    expect(response.json()).toEqual({ message: "User is not authorized to access this resource", principal: "user-carol" });
    expect(lastLine()).toMatchObject({ status: 403, denialReason: "authorizer.no-allow" });
    expect(lambda.invocations("exact")).toBe(before);
  });

  it("answers an explicit Deny 403 with API Gateway's explicit-deny message", async () => {
    const response = await call(gw.proxyUrl, `${base}/token/pets`, { headers: auth("deny") });
    expect(response.status).toBe(403);
    expect(response.json()).toMatchObject({ message: "User is not authorized to access this resource with an explicit deny" });
    expect(lastLine()).toMatchObject({ denialReason: "authorizer.deny" });
  });

  it("answers 401 without invoking when the token is missing or fails the validation expression", async () => {
    const before = lambda.invocations("exact");
    const missing = await call(gw.proxyUrl, `${base}/token/pets`);
    expect(missing.status).toBe(401);
    expect(missing.json()).toEqual({ message: "Unauthorized" });
    expect(lastLine()).toMatchObject({ denialReason: "authorizer.identity-missing" });
    const invalid = await call(gw.proxyUrl, `${base}/token/pets`, { headers: auth("Not Valid!") });
    expect(invalid.status).toBe(401);
    expect(lastLine()).toMatchObject({ denialReason: "authorizer.identity-invalid" });
    expect(lambda.invocations("exact")).toBe(before);
  });

  it("invokes on every request when the TTL is 0", async () => {
    const before = lambda.invocations("wide");
    for (let i = 0; i < 3; i++) expect((await call(gw.proxyUrl, `${base}/wide`, { headers: auth("same") })).status).toBe(200);
    expect(lambda.invocations("wide")).toBe(before + 3);
  });

  it('answers 401 when the function fails with "Unauthorized", as API Gateway does', async () => {
    const response = await call(gw.proxyUrl, `${base}/unauthorized`, { headers: auth("x") });
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({ message: "Unauthorized" });
    expect(lastLine()).toMatchObject({ denialReason: "authorizer.unauthorized" });
  });

  it("answers 500 with a null message when the function fails, times out, answers garbage or does not exist", async () => {
    for (const [path, reason] of [
      ["/crash", "authorizer.failure"],
      ["/slow", "authorizer.timeout"],
      ["/garbage", "authorizer.invalid-response"],
      ["/missing-fn", "authorizer.failure"],
    ]) {
      const response = await call(gw.proxyUrl, `${base}${path}`, { headers: auth("x") });
      expect(response.status, path).toBe(500);
      expect(response.json()).toEqual({ message: null });
      expect(lastLine()).toMatchObject({ status: 500, denialReason: reason });
    }
  });

  it("does not cache failures: the next request invokes again", async () => {
    const before = lambda.invocations("crash");
    await call(gw.proxyUrl, `${base}/crash`, { headers: auth("again") });
    await call(gw.proxyUrl, `${base}/crash`, { headers: auth("again") });
    expect(lambda.invocations("crash")).toBe(before + 2);
  });
});

describe("REQUEST authorizers", () => {
  it("sends API Gateway's REQUEST event and caches by every identity source together", async () => {
    const headers = { "x-tenant-token": "t-1", "user-agent": "tests" };
    const response = await call(gw.proxyUrl, `${base}/request/42?tenant=acme`, { headers });
    expect(response.status).toBe(200);
    const event = lambda.events("request").at(-1) as Record<string, unknown>;
    expect(event).toMatchObject({
      type: "REQUEST",
      methodArn: "arn:aws:execute-api:us-east-1:000000000000:petstore/prod/GET/request/42",
      resource: "/request/{id}",
      path: "/request/42",
      httpMethod: "GET",
      queryStringParameters: { tenant: "acme" },
      multiValueQueryStringParameters: { tenant: ["acme"] },
      pathParameters: { id: "42" },
      stageVariables: { env: "test" },
      requestContext: {
        stage: "prod",
        apiId: "petstore",
        resourcePath: "/request/{id}",
        httpMethod: "GET",
        identity: { userAgent: "tests" },
      },
    });
    expect((event.headers as Record<string, string>)["x-tenant-token"]).toBe("t-1");
    const before = lambda.invocations("request");
    expect((await call(gw.proxyUrl, `${base}/request/42?tenant=acme`, { headers })).status).toBe(200);
    expect(lambda.invocations("request")).toBe(before);
    expect((await call(gw.proxyUrl, `${base}/request/42?tenant=blocked`, { headers })).status).toBe(403);
    expect(lambda.invocations("request")).toBe(before + 1);
  });

  it("answers 401 without invoking when one identity source is missing", async () => {
    const before = lambda.invocations("request");
    const response = await call(gw.proxyUrl, `${base}/request/42`, { headers: { "x-tenant-token": "t-1" } });
    expect(response.status).toBe(401);
    expect(lastLine()).toMatchObject({ denialReason: "authorizer.identity-missing" });
    expect(lambda.invocations("request")).toBe(before);
  });

  it("takes simple responses: isAuthorized false is 403 Forbidden, true lets the request in", async () => {
    const denied = await call(gw.proxyUrl, `${base}/simple`);
    expect(denied.status).toBe(403);
    expect(denied.json()).toMatchObject({ message: "Forbidden" });
    expect(lastLine()).toMatchObject({ denialReason: "authorizer.deny" });
    expect((await call(gw.proxyUrl, `${base}/simple`, { headers: { "x-secret": "open-sesame" } })).status).toBe(200);
  });
});

describe("REQUEST authorizers with payload format 2.0", () => {
  it("send HTTP APIs' event: routeArn, the identity values, raw path and query, lower-cased headers, cookies apart", async () => {
    const response = await call(gw.proxyUrl, `${base}/v2/7?a=1&a=2`, {
      headers: { "x-secret": "open-sesame", cookie: "c1=x; c2=y", "User-Agent": "tests" },
    });
    expect(response.status).toBe(200);
    expect(lambda.events("simple").at(-1)).toMatchObject({
      version: "2.0",
      type: "REQUEST",
      routeArn: "arn:aws:execute-api:us-east-1:000000000000:petstore/prod/GET/v2/7",
      identitySource: ["open-sesame"],
      routeKey: "GET /v2/{id}",
      rawPath: "/v2/7",
      rawQueryString: "a=1&a=2",
      cookies: ["c1=x", "c2=y"],
      headers: { "x-secret": "open-sesame", "user-agent": "tests" },
      queryStringParameters: { a: "1,2" },
      pathParameters: { id: "7" },
      stageVariables: { env: "test" },
      requestContext: {
        apiId: "petstore",
        stage: "prod",
        routeKey: "GET /v2/{id}",
        http: { method: "GET", path: "/v2/7", userAgent: "tests" },
      },
    });
  });
});

describe("API key source AUTHORIZER", () => {
  const keyed = `/${API_ID}/${KEYED_STAGE}/keyed`;

  it("takes the key the authorizer returned as usageIdentifierKey, and logs its id", async () => {
    const response = await call(gw.proxyUrl, keyed, { headers: auth("with-key") });
    expect(response.status).toBe(200);
    expect(lastLine()).toMatchObject({ keyId: "key1" });
  });

  it("ignores x-api-key: without a key from the authorizer the request is refused, with $context.authorizer in the response", async () => {
    const response = await call(gw.proxyUrl, keyed, { headers: { ...auth("no-key"), "x-api-key": KEY } });
    expect(response.status).toBe(403);
    expect(response.json()).toEqual({ principal: "keyholder" });
    expect(lastLine()).toMatchObject({ denialReason: "key.missing" });
  });
});
