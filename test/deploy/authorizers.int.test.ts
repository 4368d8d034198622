import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { call, expectOk } from "@/app/api/v1/_tests/call";
import * as authorizerTestRoute from "@/app/api/v1/apis/[apiId]/authorizers/[authorizerId]/test/route";
import * as authorizersRoute from "@/app/api/v1/apis/[apiId]/authorizers/route";
import * as apiRoute from "@/app/api/v1/apis/[apiId]/route";
import { AuthorizerSchema, TestAuthorizerResultSchema } from "@/lib/schemas/authorizer";
import { addMethod, createTestApi, deploy, mock } from "@/test/support/deploy/api-builder";
import { startFleet, type Fleet } from "@/test/support/deploy/gateway-fleet";
import { startTestIssuer, type TestIssuer } from "@/test/support/jwt-issuer";
import { startInvokeServer, type InvokeServer } from "@/test/support/lambda/invoke-server";

// The console's authorizers, deployed to real gateway processes: tokens from
// a real issuer, and a Lambda authorizer reached through the Invoke API at
// AWS_ENDPOINT_URL_LAMBDA, as the SDK's standard configuration decides.

let fleet: Fleet;
let issuer: TestIssuer;
let lambda: InvokeServer;

beforeAll(async () => {
  issuer = await startTestIssuer();
  lambda = await startInvokeServer();
  lambda.define("orders-auth", (event) => {
    const { authorizationToken, methodArn } = event as { authorizationToken: string; methodArn: string };
    return {
      principalId: `user-${authorizationToken}`,
      policyDocument: {
        Version: "2012-10-17",
        Statement: [{ Action: "execute-api:Invoke", Effect: authorizationToken === "good" ? "Allow" : "Deny", Resource: methodArn }],
      },
    };
  });
  fleet = await startFleet(1, {
    AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  });
});

afterAll(async () => {
  await fleet?.close();
  await lambda?.close();
  await issuer?.close();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const node = fleet.nodes[0];
  if (node === undefined) throw new Error("no gateway node");
  const response = await fetch(`${node.proxyUrl.replace(/\/+$/, "")}${path}`, { headers });
  return { status: response.status, body: await response.text() };
}

async function createAuthorizer(apiId: string, body: unknown) {
  return expectOk(await call("POST", authorizersRoute.POST, { params: { apiId }, body }), 201, z.object({ authorizer: AuthorizerSchema }))
    .authorizer;
}

describe("authorizers deployed to a gateway process", () => {
  it("serves a JWT method: 401 without a token, 403 without the scope, 200 with it, and customised gateway responses", async () => {
    const api = await createTestApi();
    const sso = await createAuthorizer(api.id, { name: "sso", type: "JWT", issuer: issuer.issuer, audience: [issuer.audience] });
    await addMethod(api.id, "/pets", {
      httpMethod: "GET",
      authorizationType: "JWT",
      authorizerId: sso.id,
      authorizationScopes: ["pets:read"],
      integration: mock('{"pets":[]}'),
    });
    const patched = await call("PATCH", apiRoute.PATCH, {
      params: { apiId: api.id },
      body: {
        gatewayResponses: {
          UNAUTHORIZED: { responseTemplates: { "application/json": '{"error":"login first","type":"$context.error.responseType"}' } },
        },
      },
    });
    expect(patched.status).toBe(200);
    const deployed = await deploy(api.id, { stageName: "dev" });
    expect(deployed.nodes.map((node) => node.status)).toEqual(["applied"]);

    const anonymous = await get(`/${api.id}/dev/pets`);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body)).toEqual({ error: "login first", type: "UNAUTHORIZED" });
    const unscoped = await get(`/${api.id}/dev/pets`, { authorization: `Bearer ${await issuer.sign()}` });
    expect(unscoped.status).toBe(403);
    expect(JSON.parse(unscoped.body)).toEqual({ message: "Forbidden" });
    const scoped = await get(`/${api.id}/dev/pets`, { authorization: `Bearer ${await issuer.sign({ claims: { scope: "pets:read" } })}` });
    expect(scoped.status, scoped.body).toBe(200);
    expect(JSON.parse(scoped.body)).toEqual({ pets: [] });
  });

  it("serves a Lambda TOKEN method through the Invoke API, caching the answer per token", async () => {
    const api = await createTestApi();
    const tokens = await createAuthorizer(api.id, {
      name: "orders",
      type: "TOKEN",
      authorizerUri: "arn:aws:lambda:us-east-1:123456789012:function:orders-auth",
      resultTtlSeconds: 300,
    });
    await addMethod(api.id, "/orders", {
      httpMethod: "GET",
      authorizationType: "CUSTOM",
      authorizerId: tokens.id,
      integration: mock("[]"),
    });
    await deploy(api.id, { stageName: "dev" });

    const before = lambda.invocations("orders-auth");
    expect((await get(`/${api.id}/dev/orders`, { authorization: "good" })).status).toBe(200);
    expect((await get(`/${api.id}/dev/orders`, { authorization: "good" })).status).toBe(200);
    expect(lambda.invocations("orders-auth")).toBe(before + 1);
    const denied = await get(`/${api.id}/dev/orders`, { authorization: "bad" });
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.body)).toEqual({ message: "User is not authorized to access this resource with an explicit deny" });
    expect((await get(`/${api.id}/dev/orders`)).status).toBe(401);

    // The console's test runs on the node, and neither reads nor fills the cache requests use.
    const tested = expectOk(
      await call("POST", authorizerTestRoute.POST, {
        params: { apiId: api.id, authorizerId: tokens.id },
        body: { headers: { Authorization: "good" }, path: "/orders" },
      }),
      200,
      z.object({ result: TestAuthorizerResultSchema }),
    );
    expect(tested.result).toMatchObject({ status: 200, allowed: true, principalId: "user-good" });
    expect(lambda.invocations("orders-auth")).toBe(before + 3);
  });
});
