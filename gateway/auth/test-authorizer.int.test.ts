import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LambdaInvoker } from "@/gateway/lambda/invoke";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";
import { startTestIssuer, type TestIssuer } from "@/test/support/jwt-issuer";
import { startInvokeServer, type InvokeServer } from "@/test/support/lambda/invoke-server";

let gw: TestGateway;
let issuer: TestIssuer;
let lambda: InvokeServer;

beforeAll(async () => {
  issuer = await startTestIssuer();
  lambda = await startInvokeServer();
  lambda.define("auth", (event) => {
    const { authorizationToken, methodArn } = event as { authorizationToken: string; methodArn: string };
    return {
      principalId: "tester",
      context: { plan: "gold" },
      policyDocument: {
        Version: "2012-10-17",
        Statement: [{ Action: "execute-api:Invoke", Effect: authorizationToken === "allow" ? "Allow" : "Deny", Resource: methodArn }],
      },
    };
  });
  // A URL target needs no AWS credentials.
  gw = await startTestGateway({ lambda: new LambdaInvoker() });
});

afterAll(async () => {
  await gw?.close();
  await issuer?.close();
  await lambda?.close();
});

const jwt = () => ({ id: "oidc", name: "OIDC", type: "JWT", issuer: issuer.issuer, audience: [issuer.audience] });
const token = () => ({ id: "tok", name: "Token", type: "TOKEN", target: `${lambda.endpoint}/url/auth`, resultTtlSeconds: 300 });

describe("POST /v1/authorizer-tests", () => {
  it("verifies a JWT as the gateway would, scopes included, with the claims in the answer", async () => {
    const bearer = `Bearer ${await issuer.sign({ claims: { scope: "pets:read" } })}`;
    const allowed = await gw.admin.request("POST", "/v1/authorizer-tests", {
      authorizer: jwt(),
      request: { headers: { Authorization: bearer }, scopes: ["pets:read"] },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({
      status: 200,
      allowed: true,
      reason: null,
      principalId: "user-1",
      context: { claims: { sub: "user-1" } },
    });
    const scoped = await gw.admin.request("POST", "/v1/authorizer-tests", {
      authorizer: jwt(),
      request: { headers: { Authorization: bearer }, scopes: ["pets:write"] },
    });
    expect(scoped.body).toMatchObject({ status: 403, allowed: false, reason: "jwt.scope" });
    const missing = await gw.admin.request("POST", "/v1/authorizer-tests", { authorizer: jwt() });
    expect(missing.body).toMatchObject({ status: 401, allowed: false, reason: "jwt.missing" });
  });

  it("invokes a Lambda authorizer every time, never from the result cache", async () => {
    const run = (value: string) =>
      gw.admin.request("POST", "/v1/authorizer-tests", {
        authorizer: token(),
        request: { path: "/pets", headers: { Authorization: value } },
      });
    expect((await run("allow")).body).toMatchObject({ status: 200, allowed: true, principalId: "tester", context: { plan: "gold" } });
    expect((await run("allow")).body).toMatchObject({ allowed: true });
    expect(lambda.invocations("auth")).toBe(2);
    expect((await run("deny")).body).toMatchObject({ status: 403, allowed: false, reason: "authorizer.deny", principalId: "tester" });
  });

  it("refuses an invalid test with 400, and a caller without the admin token with 401", async () => {
    const invalid = await gw.admin.request("POST", "/v1/authorizer-tests", { authorizer: { type: "TOKEN" } });
    expect(invalid.status).toBe(400);
    const anonymous = await gw.admin.request("POST", "/v1/authorizer-tests", { authorizer: jwt() }, null);
    expect(anonymous.status).toBe(401);
  });
});
