import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";

// A token issuer on a loopback port: OpenID Connect discovery and a JWKS
// made with jose, keys that can be rotated, and tokens signed with them.

interface SigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface TokenOptions {
  /** Claims over the defaults (iss, aud, sub, iat, exp in an hour). */
  claims?: JWTPayload;
  /** Omit a default claim. */
  without?: ("aud" | "exp" | "iss")[];
  /** Sign with this key id (default: the current key). */
  kid?: string;
  /** The header's kid, when it should name another key than the one signing. */
  headerKid?: string;
}

export interface TestIssuer {
  issuer: string;
  audience: string;
  /** A token signed with the current key (RS256). */
  sign(options?: TokenOptions): Promise<string>;
  /** A new current key, published beside the old one; returns its kid. */
  rotate(options?: { dropOld?: boolean }): Promise<string>;
  /** Requests for the discovery document and the key set so far. */
  fetches: () => { discovery: number; jwks: number };
  close(): Promise<void>;
}

async function makeKey(kid: string, alg = "RS256"): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
  return { kid, alg, privateKey, publicJwk };
}

export async function startTestIssuer(options: { audience?: string } = {}): Promise<TestIssuer> {
  const audience = options.audience ?? "portico-api";
  let keys: SigningKey[] = [await makeKey("key-1")];
  // Keys no longer published, still able to sign (a leaked or retired key).
  let retired: SigningKey[] = [];
  let counter = 1;
  const fetches = { discovery: 0, jwks: 0 };
  const server: Server = createServer((req, res) => {
    if (req.url === "/.well-known/openid-configuration") {
      fetches.discovery += 1;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks.json` }));
      return;
    }
    if (req.url === "/jwks.json") {
      fetches.jwks += 1;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ keys: keys.map((key) => key.publicJwk) }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    audience,
    async sign(tokenOptions = {}) {
      const kid = tokenOptions.kid ?? keys[keys.length - 1].kid;
      const key = [...keys, ...retired].find((candidate) => candidate.kid === kid);
      if (key === undefined) throw new Error(`no key ${tokenOptions.kid}`);
      const now = Math.floor(Date.now() / 1000);
      const claims: JWTPayload = { iss: issuer, aud: audience, sub: "user-1", iat: now, exp: now + 3600, ...tokenOptions.claims };
      for (const name of tokenOptions.without ?? []) delete claims[name];
      return new SignJWT(claims)
        .setProtectedHeader({ alg: key.alg, kid: tokenOptions.headerKid ?? key.kid, typ: "JWT" })
        .sign(key.privateKey);
    },
    async rotate(rotateOptions = {}) {
      counter += 1;
      const key = await makeKey(`key-${counter}`);
      if (rotateOptions.dropOld === true) {
        retired = [...retired, ...keys];
        keys = [key];
      } else keys = [...keys, key];
      return key.kid;
    },
    fetches: () => ({ ...fetches }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
