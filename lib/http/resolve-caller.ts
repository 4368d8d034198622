import { unauthenticated } from "@/lib/errors/api-error";
import type { Role } from "@/lib/schemas/auth";
import type { Actor } from "@/lib/schemas/audit";
import { clientInfoOf, type ClientInfo } from "@/lib/server/auth/client-info";
import { resolveSession, sessionCookieOf, type SessionUser } from "@/lib/server/auth/sessions";
import { consumerCookieOf, resolveConsumerSession, type SessionConsumer } from "@/lib/server/portal/consumer-sessions";
import { resolveApiToken } from "@/lib/server/tokens/api-tokens";

/** An authenticated caller: a signed-in browser or an API token, and the user behind it. */
export type Principal = {
  via: "session" | "token";
  user: SessionUser;
  /** The role this request acts with: the user's, or the token's when that is lower. */
  role: Role;
  sessionId?: string;
  tokenId?: string;
};

/** A developer portal consumer signed in with the portal's own cookie. */
export type ConsumerPrincipal = SessionConsumer & { sessionId: string };

/**
 * Who is calling. `actor` is what audit events record: always the
 * authenticated principal. Console routes see `principal`; portal routes see
 * `consumer` and never a console user.
 */
export type Caller = {
  principal: Principal | null;
  consumer?: ConsumerPrincipal | null;
  actor: Actor;
  client: ClientInfo;
  requestId: string;
};

function isConsoleTokenHeader(request: Request): boolean {
  return /^Bearer\s+pct_/i.test(request.headers.get("authorization") ?? "");
}

function bearerOf(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  if (header === null) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated("The Authorization header must be 'Bearer <token>' with a Portico API token");
  return match[1];
}

/**
 * The one place that decides who a request comes from: a bearer token wins
 * over a cookie; a token that is sent but unknown, revoked or expired is a
 * 401 even where no sign-in is needed, so a script learns at once. Nothing
 * the client says about itself (a header naming an actor) is believed.
 */
export async function resolveCaller(request: Request, { requestId, isPublic }: { requestId: string; isPublic: boolean }): Promise<Caller> {
  const client = clientInfoOf(request);
  const base = { requestId, ip: client.ip, userAgent: client.userAgent };
  // Public routes that check their own bearer secrets (the gateway's
  // registration token) see theirs passed through untouched.
  const bearer = isPublic && !isConsoleTokenHeader(request) ? undefined : bearerOf(request);
  if (bearer !== undefined) {
    const token = await resolveApiToken(bearer);
    if (token === null) throw unauthenticated("The API token is unknown, revoked or expired; make a new one on the Tokens page");
    return {
      principal: { via: "token", user: token.user, role: token.role, tokenId: token.tokenId },
      actor: {
        type: "token",
        id: token.tokenId,
        name: `${token.user.email} (token ${token.tokenName})`,
        userId: token.user.id,
        role: token.role,
        ...base,
      },
      client,
      requestId,
    };
  }
  const cookie = sessionCookieOf(request);
  const session = cookie === undefined ? null : await resolveSession(cookie);
  if (session !== null) {
    const { user } = session;
    return {
      principal: { via: "session", user, role: user.role, sessionId: session.sessionId },
      actor: { type: "user", id: user.id, name: user.email, userId: user.id, role: user.role, ...base },
      client,
      requestId,
    };
  }
  return { principal: null, actor: { type: "system", id: "", name: "anonymous", role: "viewer", ...base }, client, requestId };
}

/**
 * The caller of a developer portal route: only the portal's cookie counts.
 * A console session or API token is not a consumer, so it is ignored here
 * (and the portal's cookie is ignored by resolveCaller).
 */
export async function resolveConsumerCaller(request: Request, { requestId }: { requestId: string }): Promise<Caller> {
  const client = clientInfoOf(request);
  const base = { requestId, ip: client.ip, userAgent: client.userAgent };
  const cookie = consumerCookieOf(request);
  const session = cookie === undefined ? null : await resolveConsumerSession(cookie);
  if (session === null) {
    return {
      principal: null,
      consumer: null,
      actor: { type: "system", id: "", name: "anonymous", role: "viewer", ...base },
      client,
      requestId,
    };
  }
  const { consumer } = session;
  return {
    principal: null,
    consumer: { ...consumer, sessionId: session.sessionId },
    actor: { type: "consumer", id: consumer.id, name: consumer.email, role: "viewer", ...base },
    client,
    requestId,
  };
}
