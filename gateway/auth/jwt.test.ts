import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jwtAuthorizerSchema } from "@/lib/contracts";
import { startTestIssuer, type TestIssuer } from "@/test/support/jwt-issuer";
import { bearerToken, hasScope, JwtVerifier } from "./jwt";

let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startTestIssuer();
});

afterAll(async () => {
  await issuer?.close();
});

function verifierAt(clock: { now: number }, options: { cacheSize?: number } = {}): JwtVerifier {
  const authorizer = jwtAuthorizerSchema.parse({ id: "a", name: "A", type: "JWT", issuer: issuer.issuer, audience: [issuer.audience] });
  return new JwtVerifier(authorizer, { now: () => clock.now, ...options });
}

describe("JwtVerifier's cache of verified tokens", () => {
  it("answers a token verified before synchronously, without verifying it again", async () => {
    const clock = { now: Date.now() };
    const verifier = verifierAt(clock);
    const token = await issuer.sign();
    const first = verifier.verify(token);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toMatchObject({ ok: true });
    const second = verifier.verify(token);
    expect(second).not.toBeInstanceOf(Promise);
    expect(second).toMatchObject({ ok: true, claims: { sub: "user-1" } });
  });

  it("stops accepting a cached token once it expires", async () => {
    const clock = { now: Date.now() };
    const verifier = verifierAt(clock);
    const token = await issuer.sign({ claims: { exp: Math.floor(clock.now / 1000) + 60 } });
    expect(await verifier.verify(token)).toMatchObject({ ok: true });
    clock.now += 61_000;
    expect(verifier.verify(token)).toEqual({ ok: false, reason: "jwt.expired", status: 401 });
  });

  it("never caches a refused token: a bad signature is checked every time", async () => {
    const clock = { now: Date.now() };
    const verifier = verifierAt(clock);
    const token = `${(await issuer.sign()).slice(0, -4)}AAAA`;
    expect(await verifier.verify(token)).toMatchObject({ ok: false, reason: "jwt.signature" });
    expect(verifier.verify(token)).toBeInstanceOf(Promise);
  });

  it("keeps at most cacheSize tokens", async () => {
    const clock = { now: Date.now() };
    const verifier = verifierAt(clock, { cacheSize: 2 });
    const tokens = await Promise.all([1, 2, 3].map((n) => issuer.sign({ claims: { sub: `user-${n}` } })));
    for (const token of tokens) await verifier.verify(token);
    expect(verifier.verify(tokens[0])).toBeInstanceOf(Promise);
    expect(verifier.verify(tokens[2])).not.toBeInstanceOf(Promise);
  });

  it("answers 500 (keys unavailable) when the issuer cannot be reached, and 401 for nothing else", async () => {
    const authorizer = jwtAuthorizerSchema.parse({ id: "a", name: "A", type: "JWT", issuer: "http://127.0.0.1:9", audience: ["x"] });
    const verifier = new JwtVerifier(authorizer, { fetchTimeoutMs: 500 });
    expect(await verifier.verify(await issuer.sign())).toEqual({ ok: false, reason: "jwt.keys-unavailable", status: 500 });
  });
});

describe("scopes and bearer tokens", () => {
  it("needs one of the route's scopes, or none when the route lists none", () => {
    expect(hasScope(new Set(["a", "b"]), [])).toBe(true);
    expect(hasScope(new Set(["a", "b"]), ["c", "b"])).toBe(true);
    expect(hasScope(new Set(["a"]), ["c"])).toBe(false);
  });

  it("takes the token bare or after a Bearer prefix in any case", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("BEARER abc")).toBe("abc");
    expect(bearerToken("abc")).toBe("abc");
    expect(bearerToken("Bearerabc")).toBe("Bearerabc");
  });
});

describe("JwtVerifier when the key set answers an error", () => {
  it("answers 500 (keys unavailable), not 401, so callers are not told their token is bad", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const authorizer = jwtAuthorizerSchema.parse({
        id: "a",
        name: "A",
        type: "JWT",
        issuer: issuer.issuer,
        audience: [issuer.audience],
        jwksUri: `http://127.0.0.1:${port}/jwks.json`,
      });
      expect(await new JwtVerifier(authorizer).verify(await issuer.sign())).toEqual({
        ok: false,
        reason: "jwt.keys-unavailable",
        status: 500,
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("bearerToken's edge cases", () => {
  it("trims spaces around the token and takes the prefix in any case only when a space follows it", () => {
    // Node's parser already strips the spaces around a header value.
    expect(bearerToken("Bearer   abc  ")).toBe("abc");
    expect(bearerToken("bEaReR x.y.z")).toBe("x.y.z");
    expect(bearerToken("Bearer")).toBe("Bearer");
    expect(bearerToken("Beaver abc")).toBe("Beaver abc");
  });
});
