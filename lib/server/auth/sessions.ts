import "server-only";

import { env } from "@/lib/env";
import { SESSION_COOKIE_NAME, sessionFormat } from "@/lib/keys/console-token-format";
import { hashSecret } from "@/lib/keys/secret-format";
import type { Role } from "@/lib/schemas/auth";
import { prisma, type Db } from "@/lib/server/db";

import type { ClientInfo } from "./client-info";

export const SESSION_COOKIE = SESSION_COOKIE_NAME;

// A session's last-seen time is written at most this often, so that reads do
// not each cost a write; idle expiry is therefore exact to within a minute.
const TOUCH_INTERVAL_MS = 60_000;

export type SessionUser = { id: string; email: string; name: string; role: Role };
export type ResolvedSession = { sessionId: string; user: SessionUser };

function idleLimitMs(): number {
  return env.SESSION_IDLE_HOURS * 3_600_000;
}

/**
 * Starts a session for a user who just proved who they are, and returns the
 * cookie value. A new random value every time: a session id is never reused
 * across a sign-in (no fixation), and the one the browser held before, if
 * any, is ended.
 */
export async function createSession(
  { userId, client, previousCookie }: { userId: string; client: ClientInfo; previousCookie?: string },
  db: Db = prisma,
): Promise<{ cookie: string; expiresAt: Date }> {
  const cookie = sessionFormat.generate();
  const now = Date.now();
  const expiresAt = new Date(now + env.SESSION_MAX_DAYS * 86_400_000);
  if (previousCookie) await db.session.deleteMany({ where: { id: hashSecret(previousCookie) } });
  await db.session.create({
    data: { id: hashSecret(cookie), userId, expiresAt, ip: client.ip, userAgent: client.userAgent, lastSeenAt: new Date(now) },
  });
  // Expired sessions of anyone are cleared now and then, so the table does not grow.
  if (Math.random() < 0.05) {
    await db.session.deleteMany({
      where: { OR: [{ expiresAt: { lt: new Date(now) } }, { lastSeenAt: { lt: new Date(now - idleLimitMs()) } }] },
    });
  }
  return { cookie, expiresAt };
}

/** The signed-in user of a session cookie, or null when it is unknown, expired, idle too long or its user is disabled. */
export async function resolveSession(cookie: string, db: Db = prisma): Promise<ResolvedSession | null> {
  if (!sessionFormat.isWellFormed(cookie)) return null;
  const id = hashSecret(cookie);
  const session = await db.session.findUnique({
    where: { id },
    select: { lastSeenAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true, role: true, disabled: true } } },
  });
  if (session === null) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleLimitMs() <= now || session.user.disabled) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.updateMany({ where: { id }, data: { lastSeenAt: new Date(now) } });
  }
  const { user } = session;
  return { sessionId: id, user: { id: user.id, email: user.email, name: user.name, role: user.role as Role } };
}

export async function deleteSession(cookie: string, db: Db = prisma): Promise<void> {
  await db.session.deleteMany({ where: { id: hashSecret(cookie) } });
}

/** Ends every session of a user (disabled, deleted, role changed, password changed). */
export async function deleteUserSessions({ userId, except }: { userId: string; except?: string }, db: Db = prisma): Promise<void> {
  await db.session.deleteMany({ where: { userId, ...(except ? { id: { not: except } } : {}) } });
}

/** The Set-Cookie value of a session: HttpOnly, SameSite=Lax, Secure over https. */
export function sessionCookieHeader(
  cookie: string,
  { expiresAt, secure, name = SESSION_COOKIE }: { expiresAt: Date; secure: boolean; name?: string },
): string {
  const parts = [`${name}=${cookie}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearSessionCookieHeader(secure: boolean, name: string = SESSION_COOKIE): string {
  const parts = [`${name}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/** The session cookie's value in a request, if any. */
export function sessionCookieOf(request: Request): string | undefined {
  return cookieOf(request, SESSION_COOKIE);
}

/** A cookie the request carries, or undefined. */
export function cookieOf(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim() || undefined;
  }
  return undefined;
}
