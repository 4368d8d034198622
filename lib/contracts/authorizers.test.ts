import { describe, expect, it } from "vitest";
import { parseSnapshot, snapshotSchema, type AuthorizerInput, type RouteInput, type SnapshotInput } from "./index";

const jwt: AuthorizerInput = { id: "oidc", name: "OIDC", type: "JWT", issuer: "https://id.example.com", audience: ["api"] };
const token: AuthorizerInput = {
  id: "lambda",
  name: "Lambda",
  type: "TOKEN",
  target: "arn:aws:lambda:us-east-1:123456789012:function:auth",
};

function snapshot(routes: RouteInput[], authorizers: SnapshotInput["api"]["authorizers"] = [jwt, token]): SnapshotInput {
  return {
    version: 1,
    apiId: "petstore",
    stage: "prod",
    deploymentId: "d1",
    createdAt: "2025-01-01T00:00:00.000Z",
    api: { name: "Pets", authorizers },
    routes,
  };
}

function route(extra: Partial<RouteInput>): RouteInput {
  return { id: "r1", method: "GET", path: "/pets", integration: { type: "mock", mock: {} }, ...extra };
}

function issuesOf(input: SnapshotInput): { path: PropertyKey[]; message: string }[] {
  const full = snapshotSchema.safeParse(input);
  // parseSnapshot (route by route) must agree with the full schema.
  expect(parseSnapshot(input).success).toBe(full.success);
  return full.success ? [] : full.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

describe("authorizers in the snapshot", () => {
  it("fills API Gateway's defaults: Authorization header, RS256, a 300 s result cache", () => {
    const parsed = snapshotSchema.parse(snapshot([route({ authorization: "CUSTOM", authorizerId: "lambda" })]));
    expect(parsed.api.authorizers[0]).toMatchObject({ identitySource: "method.request.header.Authorization", algorithms: ["RS256"] });
    expect(parsed.api.authorizers[1]).toMatchObject({ resultTtlSeconds: 300, simpleResponses: false });
    expect(parsed.api.apiKeySource).toBe("HEADER");
    expect(parsed.api.gatewayResponses).toEqual({});
    expect(parsed.routes[0]?.authorizationScopes).toEqual([]);
  });

  it("accepts a route whose authorization names an authorizer of a matching type", () => {
    expect(issuesOf(snapshot([route({ authorization: "JWT", authorizerId: "oidc", authorizationScopes: ["pets:read"] })]))).toEqual([]);
  });

  it("refuses a JWT route without an authorizer, and a NONE route with one", () => {
    expect(issuesOf(snapshot([route({ authorization: "JWT" })]))[0]?.path).toEqual(["routes", 0, "authorizerId"]);
    expect(issuesOf(snapshot([route({ authorization: "NONE", authorizerId: "oidc" })]))[0]?.path).toEqual(["routes", 0, "authorizerId"]);
  });

  it("refuses a route naming an authorizer the API does not define, or one of another type", () => {
    expect(issuesOf(snapshot([route({ authorization: "JWT", authorizerId: "missing" })]))[0]).toMatchObject({
      path: ["routes", 0, "authorizerId"],
      message: "authorizer 'missing' is not in api.authorizers",
    });
    expect(issuesOf(snapshot([route({ authorization: "JWT", authorizerId: "lambda" })]))[0]?.message).toMatch(/cannot use the TOKEN/);
  });

  it("refuses two authorizers with one id, HMAC algorithms and TTLs beyond an hour", () => {
    expect(issuesOf(snapshot([], [jwt, { ...jwt }])).length).toBeGreaterThan(0);
    expect(issuesOf(snapshot([], [{ ...jwt, algorithms: ["HS256"] } as unknown as AuthorizerInput])).length).toBeGreaterThan(0);
    expect(issuesOf(snapshot([], [{ ...token, resultTtlSeconds: 3601 }])).length).toBeGreaterThan(0);
    expect(issuesOf(snapshot([], [{ ...token, resultTtlSeconds: 0 }]))).toEqual([]);
  });

  it("refuses an identity validation expression that is not a regular expression", () => {
    expect(issuesOf(snapshot([], [{ ...token, identityValidationExpression: "^(Bearer" }])).length).toBeGreaterThan(0);
  });

  it("takes gateway responses by API Gateway's types only", () => {
    const ok = snapshot([]);
    ok.api.gatewayResponses = { UNAUTHORIZED: { statusCode: 401, responseParameters: { "gatewayresponse.header.x-why": "'login'" } } };
    expect(issuesOf(ok)).toEqual([]);
    const bad = snapshot([]);
    bad.api.gatewayResponses = { NOT_A_TYPE: {} } as never;
    expect(issuesOf(bad).length).toBeGreaterThan(0);
  });
});
