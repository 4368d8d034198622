import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import type { CognitoAuthorizer, JwtAuthorizer } from "@/lib/contracts";
import { LruCache } from "../key-cache";
import type { DenialReason } from "./denial";

/**
 * JWT and Cognito user pool authorizers, as API Gateway checks them: the
 * signing key is the issuer's (by `kid`, from its JWKS), `iss` is the
 * authorizer's issuer, `aud` (or `client_id` when there is no `aud`) one of
 * its audiences, `exp`, `nbf` and `iat` hold, and the route's scopes (when it
 * has some) meet the token's `scope` or `scp`. Signature checks are jose's.
 */

export type JwtOutcome =
  | { readonly ok: true; readonly claims: JWTPayload; readonly scopes: ReadonlySet<string> }
  | { readonly ok: false; readonly reason: DenialReason; readonly status: 401 | 500 };

/** A verified token, kept until it expires so a hot token is verified once. */
interface CachedToken {
  readonly outcome: JwtOutcome & { ok: true };
  /** Epoch ms after which the token is no longer valid (its exp, with the clock tolerance). */
  readonly expiresAt: number;
  /** Epoch ms before which it is not valid yet (its nbf, with the tolerance); 0 when none. */
  readonly notBefore: number;
}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

export interface JwtVerifierOptions {
  /** Verified tokens kept per authorizer. */
  cacheSize?: number;
  /** Longest a discovery or JWKS fetch may take. */
  fetchTimeoutMs?: number;
  /** Least time between two key set fetches for an unknown `kid` (30 s). */
  jwksCooldownMs?: number;
  now?: () => number;
}

const DEFAULT_CACHE_SIZE = 10_000;
const DEFAULT_FETCH_TIMEOUT_MS = 5_000;
const DEFAULT_JWKS_COOLDOWN_MS = 30_000;
/** A failed discovery is retried after this long, not on every request. */
const DISCOVERY_RETRY_MS = 5_000;

/**
 * The issuer's key set, discovered from `/.well-known/openid-configuration`
 * once unless the authorizer names its `jwksUri`. jose's remote key set
 * refetches when a token names a `kid` it does not hold (at most every 30
 * s), so a key rotation is picked up without a redeploy.
 */
class IssuerKeys {
  private keySet: KeySet | null = null;
  private pending: Promise<KeySet> | null = null;
  private failedAt = -Infinity;

  constructor(
    private readonly issuer: string,
    private readonly jwksUri: string | undefined,
    private readonly fetchTimeoutMs: number,
    private readonly cooldownMs: number,
  ) {}

  async get(): Promise<KeySet> {
    if (this.keySet !== null) return this.keySet;
    if (this.pending !== null) return this.pending;
    if (Date.now() - this.failedAt < DISCOVERY_RETRY_MS) throw new KeysUnavailable(`discovery for ${this.issuer} failed recently`);
    this.pending = this.resolve().then(
      (keySet) => {
        this.keySet = keySet;
        this.pending = null;
        return keySet;
      },
      (error: unknown) => {
        this.failedAt = Date.now();
        this.pending = null;
        throw error;
      },
    );
    return this.pending;
  }

  private async resolve(): Promise<KeySet> {
    const jwksUri = this.jwksUri ?? (await this.discover());
    return createRemoteJWKSet(new URL(jwksUri), {
      timeoutDuration: this.fetchTimeoutMs,
      cooldownDuration: this.cooldownMs,
      cacheMaxAge: 600_000,
    });
  }

  private async discover(): Promise<string> {
    const url = `${this.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.fetchTimeoutMs), redirect: "error" });
    } catch (error) {
      throw new KeysUnavailable(`${url} did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!response.ok) throw new KeysUnavailable(`${url} answered ${response.status}`);
    const document = (await response.json().catch(() => null)) as { jwks_uri?: unknown; issuer?: unknown } | null;
    if (document === null || typeof document.jwks_uri !== "string") throw new KeysUnavailable(`${url} has no jwks_uri`);
    return document.jwks_uri;
  }
}

class KeysUnavailable extends Error {}

function scopesOf(claims: JWTPayload): Set<string> {
  const scopes = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === "string") {
      for (const scope of value.split(" ")) if (scope !== "") scopes.add(scope);
    } else if (Array.isArray(value)) {
      for (const item of value) if (typeof item === "string") scopes.add(item);
    }
  };
  add(claims.scope);
  add(claims.scp);
  return scopes;
}

/** API Gateway reads `aud`, and `client_id` only when the token has no `aud`. */
function audienceMatches(claims: JWTPayload, audience: readonly string[]): boolean {
  if (audience.length === 0) return true;
  const aud = claims.aud;
  if (aud !== undefined) {
    const values = typeof aud === "string" ? [aud] : aud;
    return values.some((value) => audience.includes(value));
  }
  const clientId = claims.client_id;
  return typeof clientId === "string" && audience.includes(clientId);
}

function reasonOf(error: unknown): { reason: DenialReason; status: 401 | 500 } {
  if (error instanceof KeysUnavailable || error instanceof joseErrors.JWKSTimeout) return { reason: "jwt.keys-unavailable", status: 500 };
  if (error instanceof joseErrors.JWTExpired) return { reason: "jwt.expired", status: 401 };
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return { reason: "jwt.issuer", status: 401 };
    if (error.claim === "nbf") return { reason: "jwt.not-before", status: 401 };
    if (error.claim === "iat") return { reason: "jwt.issued-at", status: 401 };
    return { reason: "jwt.claims", status: 401 };
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys)
    return { reason: "jwt.unknown-key", status: 401 };
  if (error instanceof joseErrors.JOSEAlgNotAllowed || error instanceof joseErrors.JOSENotSupported)
    return { reason: "jwt.algorithm", status: 401 };
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return { reason: "jwt.signature", status: 401 };
  if (error instanceof joseErrors.JWKSInvalid) return { reason: "jwt.keys-unavailable", status: 500 };
  // A fetch of the key set that failed surfaces as a plain error from jose.
  if (error instanceof TypeError || (error instanceof Error && error.name === "AbortError"))
    return { reason: "jwt.keys-unavailable", status: 500 };
  // jose's generic error is what its key set fetch throws for a non-200 answer: the issuer's side, not the token.
  if (error instanceof joseErrors.JOSEError && error.code === "ERR_JOSE_GENERIC") return { reason: "jwt.keys-unavailable", status: 500 };
  return { reason: "jwt.malformed", status: 401 };
}

/** Verifies the tokens of one JWT or Cognito authorizer. */
export class JwtVerifier {
  private readonly issuers: readonly string[];
  private readonly keys: ReadonlyMap<string, IssuerKeys>;
  private readonly cache: LruCache<string, CachedToken>;
  private readonly toleranceMs: number;
  private readonly now: () => number;

  constructor(
    private readonly authorizer: JwtAuthorizer | CognitoAuthorizer,
    options: JwtVerifierOptions = {},
  ) {
    this.issuers = authorizer.type === "JWT" ? [authorizer.issuer] : authorizer.issuers;
    const fetchTimeoutMs = options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
    const cooldownMs = options.jwksCooldownMs ?? DEFAULT_JWKS_COOLDOWN_MS;
    this.keys = new Map(this.issuers.map((issuer) => [issuer, new IssuerKeys(issuer, authorizer.jwksUri, fetchTimeoutMs, cooldownMs)]));
    this.cache = new LruCache(options.cacheSize ?? DEFAULT_CACHE_SIZE);
    this.toleranceMs = authorizer.clockToleranceSeconds * 1000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The token's outcome. Hot path: a token verified before and still within
   * its validity window is answered synchronously from the cache.
   */
  verify(token: string): JwtOutcome | Promise<JwtOutcome> {
    const cached = this.cache.get(token);
    if (cached !== undefined) {
      const now = this.now();
      if (now < cached.expiresAt && now >= cached.notBefore) return cached.outcome;
      if (now >= cached.expiresAt) return { ok: false, reason: "jwt.expired", status: 401 };
    }
    return this.verifyUncached(token);
  }

  private async verifyUncached(token: string): Promise<JwtOutcome> {
    const issuer = this.issuerOf(token);
    if (issuer === null) return { ok: false, reason: "jwt.issuer", status: 401 };
    const keys = this.keys.get(issuer);
    if (keys === undefined) return { ok: false, reason: "jwt.issuer", status: 401 };
    let claims: JWTPayload;
    try {
      const keySet = await keys.get();
      const result = await jwtVerify(token, keySet, {
        issuer,
        algorithms: this.authorizer.algorithms,
        clockTolerance: this.authorizer.clockToleranceSeconds,
        currentDate: new Date(this.now()),
      });
      claims = result.payload;
    } catch (error) {
      return { ok: false, ...reasonOf(error) };
    }
    if (!audienceMatches(claims, this.authorizer.audience)) return { ok: false, reason: "jwt.audience", status: 401 };
    // jose checks iat only against a maximum age; API Gateway also wants it in the past.
    if (typeof claims.iat === "number" && claims.iat * 1000 > this.now() + this.toleranceMs)
      return { ok: false, reason: "jwt.issued-at", status: 401 };
    // API Gateway refuses tokens without an expiry; an eternal token could never be revoked.
    if (typeof claims.exp !== "number") return { ok: false, reason: "jwt.expired", status: 401 };
    const outcome = { ok: true as const, claims, scopes: scopesOf(claims) };
    this.cache.set(token, {
      outcome,
      expiresAt: claims.exp * 1000 + this.toleranceMs,
      notBefore: typeof claims.nbf === "number" ? claims.nbf * 1000 - this.toleranceMs : 0,
    });
    return outcome;
  }

  /** The configured issuer the token claims, read (unverified) only to pick the key set; jose checks it again. */
  private issuerOf(token: string): string | null {
    if (this.issuers.length === 1) return this.issuers[0];
    const payload = token.split(".")[1];
    if (payload === undefined) return null;
    try {
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { iss?: unknown };
      return typeof claims.iss === "string" && this.issuers.includes(claims.iss) ? claims.iss : null;
    } catch {
      return null;
    }
  }
}

/** The route needs one of `required` (none: any token will do). */
export function hasScope(scopes: ReadonlySet<string>, required: readonly string[]): boolean {
  if (required.length === 0) return true;
  for (const scope of required) if (scopes.has(scope)) return true;
  return false;
}

/** The token from a header value: bare, or after a case-insensitive `Bearer `. */
export function bearerToken(value: string): string {
  // Hot path: character codes rather than toLowerCase() and trim(), which would allocate on every request.
  let start = 0;
  if (value.length > 7 && value.charCodeAt(6) === 32 /* space */ && isBearer(value)) start = 7;
  while (start < value.length && value.charCodeAt(start) <= 32) start++;
  let end = value.length;
  while (end > start && value.charCodeAt(end - 1) <= 32) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

const BEARER = "bearer";

function isBearer(value: string): boolean {
  for (let i = 0; i < 6; i++) {
    // ASCII letters: setting bit 0x20 lower-cases them.
    if ((value.charCodeAt(i) | 0x20) !== BEARER.charCodeAt(i)) return false;
  }
  return true;
}
