import "server-only";

import { env } from "@/lib/env";
import { PORTAL_SESSION_COOKIE_NAME, portalSessionFormat } from "@/lib/keys/console-token-format";
import { hashSecret } from "@/lib/keys/secret-format";
import type { ClientInfo } from "@/lib/server/auth/client-info";
import { clearSessionCookieHeader, cookieOf, sessionCookieHeader } from "@/lib/server/auth/sessions";
import { prisma, type Db } from "@/lib/server/db";

// Portal sessions follow the console's rules (random cookie, only its hash
// stored, idle and absolute expiry from SESSION_IDLE_HOURS and
// SESSION_MAX_DAYS) but live in their own table under their own cookie, so
// that a consumer's session is never a console session and the reverse.

const TOUCH_INTERVAL_MS = 60_000;

export type SessionConsumer = { id: string; email: string; name: string; organization: string };
export type ResolvedConsumerSession = { sessionId: string; consumer: SessionConsumer };

function idleLimitMs(): number {
  return env.SESSION_IDLE_HOURS * 3_600_000;
}

export async function createConsumerSession(
  { consumerId, client, previousCookie }: { consumerId: string; client: ClientInfo; previousCookie?: string },
  db: Db = prisma,
): Promise<{ cookie: string; expiresAt: Date }> {
  const cookie = portalSessionFormat.generate();
  const now = Date.now();
  const expiresAt = new Date(now + env.SESSION_MAX_DAYS * 86_400_000);
  if (previousCookie) await db.consumerSession.deleteMany({ where: { id: hashSecret(previousCookie) } });
  await db.consumerSession.create({
    data: { id: hashSecret(cookie), consumerId, expiresAt, ip: client.ip, userAgent: client.userAgent, lastSeenAt: new Date(now) },
  });
  if (Math.random() < 0.05) {
    await db.consumerSession.deleteMany({
      where: { OR: [{ expiresAt: { lt: new Date(now) } }, { lastSeenAt: { lt: new Date(now - idleLimitMs()) } }] },
    });
  }
  return { cookie, expiresAt };
}

/** The consumer of a portal cookie, or null when it is unknown, expired, idle too long or the consumer is no longer active. */
export async function resolveConsumerSession(cookie: string, db: Db = prisma): Promise<ResolvedConsumerSession | null> {
  if (!portalSessionFormat.isWellFormed(cookie)) return null;
  const id = hashSecret(cookie);
  const session = await db.consumerSession.findUnique({
    where: { id },
    select: {
      lastSeenAt: true,
      expiresAt: true,
      consumer: { select: { id: true, email: true, name: true, organization: true, status: true } },
    },
  });
  if (session === null) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleLimitMs() <= now || session.consumer.status !== "ACTIVE") {
    await db.consumerSession.deleteMany({ where: { id } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.consumerSession.updateMany({ where: { id }, data: { lastSeenAt: new Date(now) } });
  }
  const { consumer } = session;
  return { sessionId: id, consumer: { id: consumer.id, email: consumer.email, name: consumer.name, organization: consumer.organization } };
}

export async function deleteConsumerSession(cookie: string, db: Db = prisma): Promise<void> {
  await db.consumerSession.deleteMany({ where: { id: hashSecret(cookie) } });
}

export async function deleteConsumerSessions(consumerId: string, db: Db = prisma): Promise<void> {
  await db.consumerSession.deleteMany({ where: { consumerId } });
}

export function consumerCookieOf(request: Request): string | undefined {
  return cookieOf(request, PORTAL_SESSION_COOKIE_NAME);
}

export function consumerCookieHeader(cookie: string, options: { expiresAt: Date; secure: boolean }): string {
  return sessionCookieHeader(cookie, { ...options, name: PORTAL_SESSION_COOKIE_NAME });
}

export function clearConsumerCookieHeader(secure: boolean): string {
  return clearSessionCookieHeader(secure, PORTAL_SESSION_COOKIE_NAME);
}
