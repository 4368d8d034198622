import "server-only";

import * as client from "openid-client";

import { ApiError, forbidden } from "@/lib/errors/api-error";
import { env } from "@/lib/env";
import { ROLES, type Role } from "@/lib/schemas/auth";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import type { ClientInfo } from "./client-info";
import { createSession } from "./sessions";
import { emailKeyOf } from "./sign-in";

// OpenID Connect single sign-on: the authorization code flow with PKCE,
// through openid-client. The console is a confidential client
// (OIDC_CLIENT_ID + OIDC_CLIENT_SECRET); what the browser carries between
// the two legs (state, nonce, PKCE verifier, where to go next) lives in a
// short-lived HttpOnly cookie scoped to the callback path.

export const FLOW_COOKIE = "portico_oidc";
export const CALLBACK_PATH = "/api/v1/auth/oidc/callback";
const FLOW_MAX_AGE_SECONDS = 600;
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

export type OidcSettings = { issuer: string; clientId: string; clientSecret: string | undefined; scopes: string };

/** The configured provider, or null when single sign-on is off. */
export function oidcSettings(): OidcSettings | null {
  if (env.OIDC_ISSUER === undefined || env.OIDC_CLIENT_ID === undefined) return null;
  return { issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET, scopes: env.OIDC_SCOPES };
}

function requireSettings(): OidcSettings {
  const settings = oidcSettings();
  if (settings === null) throw new ApiError("not_found", "Single sign-on is not configured here (set OIDC_ISSUER and OIDC_CLIENT_ID)");
  return settings;
}

function isLoopback(url: URL): boolean {
  return url.hostname === "localhost" || url.hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

const discovered = new Map<string, { at: number; config: Promise<client.Configuration> }>();

/** The provider's metadata, discovered once an hour (and again after a failure). */
function configurationOf(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  const cached = discovered.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const issuer = new URL(settings.issuer);
  // Plain http only to a provider on this machine (development and tests).
  const insecure = issuer.protocol === "http:" && isLoopback(issuer);
  const config = client
    .discovery(
      issuer,
      settings.clientId,
      undefined,
      settings.clientSecret === undefined ? client.None() : client.ClientSecretPost(settings.clientSecret),
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    )
    .catch((error: unknown) => {
      discovered.delete(key);
      throw new ApiError("bad_gateway", `The single sign-on provider ${settings.issuer} could not be reached: ${messageOf(error)}`);
    });
  discovered.set(key, { at: Date.now(), config });
  return config;
}

function messageOf(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError) return error.error_description ?? error.error;
  if (error instanceof client.ResponseBodyError) return error.error_description ?? error.error;
  return error instanceof Error ? error.message : String(error);
}

type Flow = { state: string; nonce: string; verifier: string; next: string };

/** Only paths of this console: never another site (no open redirect). */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

function encodeFlow(flow: Flow): string {
  return Buffer.from(JSON.stringify(flow)).toString("base64url");
}

function decodeFlow(value: string | undefined): Flow | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<Flow>;
    if (typeof parsed.state !== "string" || typeof parsed.nonce !== "string" || typeof parsed.verifier !== "string") return null;
    return { state: parsed.state, nonce: parsed.nonce, verifier: parsed.verifier, next: safeNextPath(parsed.next) };
  } catch {
    return null;
  }
}

export function flowCookieHeader(value: string, secure: boolean): string {
  const parts = [`${FLOW_COOKIE}=${value}`, `Path=${CALLBACK_PATH}`, "HttpOnly", "SameSite=Lax", `Max-Age=${FLOW_MAX_AGE_SECONDS}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearFlowCookieHeader(secure: boolean): string {
  return flowCookieHeader("", secure).replace(`Max-Age=${FLOW_MAX_AGE_SECONDS}`, "Max-Age=0");
}

/** Starts a sign-in: where to send the browser, and the cookie that carries the flow to the callback. */
export async function startOidcSignIn({
  origin,
  next,
}: {
  origin: string;
  next: string | null;
}): Promise<{ location: string; flowCookie: string }> {
  const settings = requireSettings();
  const config = await configurationOf(settings);
  const flow: Flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    next: safeNextPath(next),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    scope: settings.scopes,
    response_type: "code",
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
  });
  return { location: url.href, flowCookie: encodeFlow(flow) };
}

type Identity = { subject: string; email: string; emailVerified: boolean; name: string; role: Role | null };

function roleFrom(value: unknown): Role | null {
  const candidates = Array.isArray(value) ? value : [value];
  // A list of groups or roles: the highest Portico role in it.
  for (const role of [...ROLES].reverse()) if (candidates.includes(role)) return role;
  return null;
}

/** Finishes a sign-in: checks the provider's answer and returns who signed in. */
async function identityFromCallback({ origin, search, flow }: { origin: string; search: string; flow: Flow }): Promise<Identity> {
  const settings = requireSettings();
  const config = await configurationOf(settings);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, new URL(`${origin}${CALLBACK_PATH}${search}`), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw new ApiError("unauthenticated", `Single sign-on failed: ${messageOf(error)}`);
  }
  const idClaims = tokens.claims();
  if (idClaims === undefined) throw new ApiError("unauthenticated", "Single sign-on failed: the provider sent no ID token");
  let claims: Record<string, unknown> = { ...idClaims };
  // Many providers put email, name and groups in the UserInfo answer only.
  if (claims.email === undefined || claims[env.OIDC_ROLE_CLAIM] === undefined) {
    const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch(() => null);
    if (userInfo !== null) claims = { ...userInfo, ...claims };
  }
  if (typeof claims.email !== "string" || claims.email.length === 0) {
    throw new ApiError("unauthenticated", "Single sign-on failed: the provider did not share an email address (request the email scope)");
  }
  const name =
    typeof claims.name === "string" ? claims.name : typeof claims.preferred_username === "string" ? claims.preferred_username : "";
  return {
    subject: `${idClaims.iss} ${idClaims.sub}`,
    email: claims.email,
    emailVerified: claims.email_verified === true,
    name: name.slice(0, 128),
    role: roleFrom(claims[env.OIDC_ROLE_CLAIM]),
  };
}

/**
 * The user an identity signs in as: the one linked to its subject; else the
 * user with its email, linked now when the provider vouches for the email;
 * else a new user with the role from the claim (or OIDC_DEFAULT_ROLE). The
 * role claim, when it names a role, is applied at every sign-in, so the
 * provider stays the source of truth.
 */
async function userForIdentity(identity: Identity, requestId: string, clientInfo: ClientInfo, db: Db) {
  return inTransaction(db, async (tx) => {
    let user = await tx.user.findUnique({ where: { oidcSubject: identity.subject } });
    if (user === null) {
      const byEmail = await tx.user.findUnique({ where: { emailKey: emailKeyOf(identity.email) } });
      if (byEmail !== null) {
        if (!identity.emailVerified) {
          throw forbidden(
            `A user with the email ${identity.email} exists, and the provider does not say the address is verified; ask an admin`,
          );
        }
        user = await tx.user.update({
          where: { id: byEmail.id },
          data: { oidcSubject: identity.subject, invitationHash: null, invitationExpiresAt: null },
        });
      } else {
        user = await tx.user.create({
          data: {
            email: identity.email,
            emailKey: emailKeyOf(identity.email),
            name: identity.name,
            role: identity.role ?? env.OIDC_DEFAULT_ROLE,
            oidcSubject: identity.subject,
          },
        });
        const actor = {
          type: "user" as const,
          id: user.id,
          name: user.email,
          userId: user.id,
          role: user.role as Role,
          requestId,
          ...clientInfo,
        };
        await recordEvent(
          {
            actor,
            action: "user.create",
            targetType: "user",
            targetId: user.id,
            targetName: user.email,
            apiId: null,
            details: { via: "oidc", role: user.role },
          },
          tx,
        );
      }
    }
    if (user.disabled) throw forbidden("This account is disabled; ask an admin");
    if (identity.role !== null && identity.role !== user.role) {
      const before = user.role;
      user = await tx.user.update({ where: { id: user.id }, data: { role: identity.role } });
      const actor = {
        type: "user" as const,
        id: user.id,
        name: user.email,
        userId: user.id,
        role: user.role as Role,
        requestId,
        ...clientInfo,
      };
      await recordEvent(
        {
          actor,
          action: "user.update",
          targetType: "user",
          targetId: user.id,
          targetName: user.email,
          apiId: null,
          details: { role: { before, after: user.role }, via: "oidc" },
        },
        tx,
      );
    }
    return user;
  });
}

/** Completes the callback: a session for the user, and where to send them. */
export async function finishOidcSignIn(
  {
    origin,
    search,
    flowCookie,
    previousCookie,
    requestId,
    clientInfo,
  }: {
    origin: string;
    search: string;
    flowCookie: string | undefined;
    previousCookie?: string;
    requestId: string;
    clientInfo: ClientInfo;
  },
  db: Db = prisma,
): Promise<{ session: { cookie: string; expiresAt: Date }; user: { id: string; email: string; role: string }; next: string }> {
  const flow = decodeFlow(flowCookie);
  if (flow === null) throw new ApiError("unauthenticated", "Single sign-on took too long or was started in another browser; sign in again");
  const identity = await identityFromCallback({ origin, search, flow });
  const user = await userForIdentity(identity, requestId, clientInfo, db);
  const session = await createSession({ userId: user.id, client: clientInfo, previousCookie }, db);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { session, user: { id: user.id, email: user.email, role: user.role }, next: flow.next };
}
