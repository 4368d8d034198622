import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthorizerInput, RouteInput } from "@/lib/contracts";
import { LambdaInvoker } from "@/gateway/lambda/invoke";
import { call } from "@/test/support/gateway/http";
import { API_ID, STAGE, makeSnapshot } from "@/test/support/gateway/fixtures";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";
import { startTestIssuer, type TestIssuer } from "@/test/support/jwt-issuer";
import { startInvokeServer, type InvokeServer } from "@/test/support/lambda/invoke-server";

// What the authorizer established reaches the integration: mapping templates
// read $context.authorizer, Lambda proxy events carry it in requestContext.

let gw: TestGateway;
let issuer: TestIssuer;
let lambda: InvokeServer;
let invoker: LambdaInvoker;
const saved = { ...process.env };
const base = `/${API_ID}/${STAGE}`;
const fn = (name: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`;

beforeAll(async () => {
  issuer = await startTestIssuer();
  lambda = await startInvokeServer();
  process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
  process.env.AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  process.env.AWS_REGION = "us-east-1";
  invoker = new LambdaInvoker({ endpoint: lambda.endpoint });
  lambda.define("echo", (event) => ({
    statusCode: 200,
    body: JSON.stringify((event as { requestContext: { authorizer?: unknown } }).requestContext.authorizer ?? null),
  }));
  lambda.define("auth", () => ({
    principalId: "lambda-user",
    context: { tier: "gold" },
    policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: "*" }] },
  }));
  const authorizers: AuthorizerInput[] = [
    { id: "oidc", name: "OIDC", type: "JWT", issuer: issuer.issuer, audience: [issuer.audience] },
    { id: "tok", name: "Token", type: "TOKEN", target: fn("auth") },
  ];
  const jwt = { authorization: "JWT" as const, authorizerId: "oidc" };
  const routes: RouteInput[] = [
    { id: "v1", method: "GET", path: "/v1", ...jwt, integration: { type: "aws_proxy", uri: fn("echo") } },
    { id: "v2", method: "GET", path: "/v2", ...jwt, integration: { type: "aws_proxy", uri: fn("echo"), payloadFormatVersion: "2.0" } },
    {
      id: "lambdaV2",
      method: "GET",
      path: "/lambda-v2",
      authorization: "CUSTOM",
      authorizerId: "tok",
      integration: { type: "aws_proxy", uri: fn("echo"), payloadFormatVersion: "2.0" },
    },
    {
      id: "template",
      method: "GET",
      path: "/template",
      ...jwt,
      integration: {
        type: "mock",
        requestTemplates: { "application/json": '{"statusCode": 200}' },
        responses: [
          {
            selectionPattern: null,
            statusCode: 200,
            responseTemplates: {
              "application/json": '{"sub":"$context.authorizer.claims.sub","principal":"$context.authorizer.principalId"}',
            },
          },
        ],
      },
    },
  ];
  gw = await startTestGateway({ lambda: invoker });
  await gw.admin.applyStage(API_ID, STAGE, makeSnapshot(routes, { api: { name: "Pets", authorizers } }));
});

afterAll(async () => {
  process.env = saved;
  await gw?.close();
  invoker?.close();
  await lambda?.close();
  await issuer?.close();
});

describe("the authorizer's context in integrations", () => {
  it("is $context.authorizer in mapping templates", async () => {
    const token = await issuer.sign({ claims: { sub: "alice" } });
    const response = await call(gw.proxyUrl, `${base}/template`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status, response.text).toBe(200);
    expect(response.json()).toEqual({ sub: "alice", principal: "alice" });
  });

  it("is requestContext.authorizer with claims in payload format 1.0, and jwt.claims and scopes in 2.0", async () => {
    const token = await issuer.sign({ claims: { sub: "bob", scope: "pets:read" } });
    const v1 = await call(gw.proxyUrl, `${base}/v1`, { headers: { authorization: `Bearer ${token}` } });
    expect(v1.status, v1.text).toBe(200);
    expect(v1.json()).toMatchObject({ claims: { sub: "bob" } });
    const v2 = await call(gw.proxyUrl, `${base}/v2`, { headers: { authorization: `Bearer ${token}` } });
    expect(v2.json()).toMatchObject({ jwt: { claims: { sub: "bob" }, scopes: ["pets:read"] } });
  });

  it("nests a Lambda authorizer's context under lambda in payload format 2.0", async () => {
    const response = await call(gw.proxyUrl, `${base}/lambda-v2`, { headers: { authorization: "anything" } });
    expect(response.status, response.text).toBe(200);
    expect(response.json()).toEqual({ principalId: "lambda-user", lambda: { tier: "gold" } });
  });
});
