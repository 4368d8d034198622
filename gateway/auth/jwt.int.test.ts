import { SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthorizerInput } from "@/lib/contracts";
import { call } from "@/test/support/gateway/http";
import { API_ID, STAGE, makeConsumers, makeSnapshot, mockRoute } from "@/test/support/gateway/fixtures";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";
import { startTestIssuer, type TestIssuer } from "@/test/support/jwt-issuer";
import { setJwtVerifierOptions } from "./registry";

let issuer: TestIssuer;
let gw: TestGateway;
const base = `/${API_ID}/${STAGE}`;

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

function lastLine(): Record<string, unknown> {
  const lines = gw.accessLines();
  return lines[lines.length - 1] ?? {};
}

beforeAll(async () => {
  // Rotation is checked within seconds of the first fetch; production waits 30 s between refetches.
  setJwtVerifierOptions({ jwksCooldownMs: 0 });
  issuer = await startTestIssuer();
  const authorizers: AuthorizerInput[] = [
    { id: "oidc", name: "OIDC", type: "JWT", issuer: issuer.issuer, audience: [issuer.audience, "cli-client"] },
    { id: "pool", name: "Pool", type: "COGNITO_USER_POOLS", issuers: [issuer.issuer] },
  ];
  gw = await startTestGateway();
  await gw.admin.applyConsumers(
    makeConsumers(
      [{ id: "plan1", name: "Plan", apiStages: [{ apiId: API_ID, stage: STAGE }] }],
      [{ id: "key1", value: "key-one-0123456789abcdef", planIds: ["plan1"] }],
    ),
  );
  await gw.admin.applyStage(
    API_ID,
    STAGE,
    makeSnapshot(
      [
        mockRoute("open", "GET", "/open"),
        mockRoute("jwt", "GET", "/jwt", '{"route":"jwt"}', { authorization: "JWT", authorizerId: "oidc" }),
        mockRoute("scoped", "GET", "/scoped", '{"route":"scoped"}', {
          authorization: "JWT",
          authorizerId: "oidc",
          authorizationScopes: ["pets:read", "pets:admin"],
        }),
        mockRoute("poolScoped", "GET", "/pool-scoped", '{"route":"pool"}', {
          authorization: "COGNITO_USER_POOLS",
          authorizerId: "pool",
          authorizationScopes: ["pets:read"],
        }),
        mockRoute("jwtAndKey", "GET", "/jwt-and-key", '{"route":"both"}', {
          authorization: "JWT",
          authorizerId: "oidc",
          apiKeyRequired: true,
        }),
      ],
      { api: { name: "Pet Store", authorizers } },
    ),
  );
});

afterAll(async () => {
  setJwtVerifierOptions({});
  await gw?.close();
  await issuer?.close();
});

describe("JWT authorizer", () => {
  it("lets a valid token in, with or without the Bearer prefix", async () => {
    const token = await issuer.sign();
    expect((await call(gw.proxyUrl, `${base}/jwt`, { headers: bearer(token) })).status).toBe(200);
    expect((await call(gw.proxyUrl, `${base}/jwt`, { headers: { authorization: token } })).status).toBe(200);
    expect((await call(gw.proxyUrl, `${base}/jwt`, { headers: { authorization: `bearer ${token}` } })).status).toBe(200);
  });

  it("answers a request without a token 401 Unauthorized, with a Bearer challenge", async () => {
    const response = await call(gw.proxyUrl, `${base}/jwt`);
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({ message: "Unauthorized" });
    expect(response.headers["www-authenticate"]).toBe("Bearer");
    expect(lastLine()).toMatchObject({ status: 401, denialReason: "jwt.missing" });
  });

  it("does not ask for a token on routes without authorization", async () => {
    expect((await call(gw.proxyUrl, `${base}/open`)).status).toBe(200);
  });

  const refused: [string, () => Promise<string>, string][] = [
    ["an expired token", () => issuer.sign({ claims: { exp: Math.floor(Date.now() / 1000) - 60 } }), "jwt.expired"],
    ["a token without exp", () => issuer.sign({ without: ["exp"] }), "jwt.expired"],
    ["a token not valid yet (nbf)", () => issuer.sign({ claims: { nbf: Math.floor(Date.now() / 1000) + 600 } }), "jwt.not-before"],
    ["a token issued in the future (iat)", () => issuer.sign({ claims: { iat: Math.floor(Date.now() / 1000) + 600 } }), "jwt.issued-at"],
    ["a token of another issuer", () => issuer.sign({ claims: { iss: "https://evil.example.com" } }), "jwt.issuer"],
    ["a token for another audience", () => issuer.sign({ claims: { aud: "someone-else" } }), "jwt.audience"],
    ["a token whose key id the issuer does not publish", () => issuer.sign({ headerKid: "no-such-key" }), "jwt.unknown-key"],
    [
      'an unsigned token (alg "none")',
      () =>
        Promise.resolve(new UnsecuredJWT({ iss: issuer.issuer, aud: issuer.audience, exp: Math.floor(Date.now() / 1000) + 600 }).encode()),
      "jwt.algorithm",
    ],
    [
      "an HMAC token (HS256), even with a known kid",
      () =>
        new SignJWT({ iss: issuer.issuer, aud: issuer.audience, exp: Math.floor(Date.now() / 1000) + 600 })
          .setProtectedHeader({ alg: "HS256", kid: "key-1" })
          .sign(new TextEncoder().encode("a-shared-secret-that-must-not-work-0123456789")),
      "jwt.algorithm",
    ],
    [
      "a token whose signature was tampered with",
      async () => {
        const [header, , signature] = (await issuer.sign()).split(".");
        const payload = Buffer.from(JSON.stringify({ iss: issuer.issuer, aud: issuer.audience, sub: "admin", exp: 4102444800 })).toString(
          "base64url",
        );
        return `${header}.${payload}.${signature}`;
      },
      "jwt.signature",
    ],
    ["a token that is not a JWT", () => Promise.resolve("not-a-jwt"), "jwt.malformed"],
  ];

  for (const [what, token, reason] of refused) {
    it(`refuses ${what} with 401 Unauthorized and logs ${reason}`, async () => {
      const response = await call(gw.proxyUrl, `${base}/jwt`, { headers: bearer(await token()) });
      expect(response.status).toBe(401);
      expect(response.json()).toEqual({ message: "Unauthorized" });
      expect(lastLine()).toMatchObject({ status: 401, route: "GET /jwt", denialReason: reason });
    });
  }

  it("reads client_id when the token has no aud, as API Gateway does", async () => {
    const token = await issuer.sign({ without: ["aud"], claims: { client_id: "cli-client" } });
    expect((await call(gw.proxyUrl, `${base}/jwt`, { headers: bearer(token) })).status).toBe(200);
    const wrong = await issuer.sign({ without: ["aud"], claims: { client_id: "other-client" } });
    expect((await call(gw.proxyUrl, `${base}/jwt`, { headers: bearer(wrong) })).status).toBe(401);
  });

  it("answers a token without one of the route's scopes 403 Forbidden, and accepts scope or scp", async () => {
    const none = await call(gw.proxyUrl, `${base}/scoped`, { headers: bearer(await issuer.sign({ claims: { scope: "pets:write" } })) });
    expect(none.status).toBe(403);
    expect(none.json()).toEqual({ message: "Forbidden" });
    expect(lastLine()).toMatchObject({ status: 403, denialReason: "jwt.scope" });
    const scope = await issuer.sign({ claims: { scope: "openid pets:admin" } });
    expect((await call(gw.proxyUrl, `${base}/scoped`, { headers: bearer(scope) })).status).toBe(200);
    const scp = await issuer.sign({ claims: { scp: ["pets:read"] } });
    expect((await call(gw.proxyUrl, `${base}/scoped`, { headers: bearer(scp) })).status).toBe(200);
  });

  it("answers a Cognito user pool token without the scope 401, as REST APIs do, and needs no audience", async () => {
    const response = await call(gw.proxyUrl, `${base}/pool-scoped`, {
      headers: bearer(await issuer.sign({ claims: { aud: "any-app-client" } })),
    });
    expect(response.status).toBe(401);
    expect(lastLine()).toMatchObject({ denialReason: "jwt.scope" });
    const scoped = await issuer.sign({ claims: { aud: "any-app-client", scope: "pets:read" } });
    expect((await call(gw.proxyUrl, `${base}/pool-scoped`, { headers: bearer(scoped) })).status).toBe(200);
  });

  it("requires the API key as well when the route asks for both", async () => {
    const token = await issuer.sign();
    const withoutKey = await call(gw.proxyUrl, `${base}/jwt-and-key`, { headers: bearer(token) });
    expect(withoutKey.status).toBe(403);
    expect(lastLine()).toMatchObject({ denialReason: "key.missing" });
    const both = await call(gw.proxyUrl, `${base}/jwt-and-key`, { headers: { ...bearer(token), "x-api-key": "key-one-0123456789abcdef" } });
    expect(both.status).toBe(200);
    const badToken = await call(gw.proxyUrl, `${base}/jwt-and-key`, { headers: { "x-api-key": "key-one-0123456789abcdef" } });
    expect(badToken.status).toBe(401);
  });

  it("picks up a rotated signing key without a redeploy, and refuses tokens of a dropped key", async () => {
    const oldToken = await issuer.sign();
    expect((await call(gw.proxyUrl, `${base}/jwt`, { headers: bearer(oldToken) })).status).toBe(200);
    const kid = await issuer.rotate({ dropOld: true });
    const newToken = await issuer.sign({ kid });
    expect((await call(gw.proxyUrl, `${base}/jwt`, { headers: bearer(newToken) })).status).toBe(200);
    // A token signed with the dropped key and never seen before cannot be verified any more.
    const dropped = await issuer.sign({ kid: "key-1", claims: { sub: "user-2" } });
    expect((await call(gw.proxyUrl, `${base}/jwt`, { headers: bearer(dropped) })).status).toBe(401);
    expect(lastLine()).toMatchObject({ denialReason: "jwt.unknown-key" });
    expect(issuer.fetches().jwks).toBeGreaterThanOrEqual(2);
  });

  it("fetches discovery once for all the requests it verifies", async () => {
    const before = issuer.fetches().discovery;
    for (let i = 0; i < 5; i++) await call(gw.proxyUrl, `${base}/jwt`, { headers: bearer(await issuer.sign()) });
    expect(issuer.fetches().discovery).toBe(before);
  });
});
