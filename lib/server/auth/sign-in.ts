import "server-only";

import { env } from "@/lib/env";
import { ApiError, forbidden } from "@/lib/errors/api-error";
import type { Role, SignInBody } from "@/lib/schemas/auth";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";

import type { ClientInfo } from "./client-info";
import { verifyAgainstNobody, verifyPassword } from "./passwords";
import { createSession } from "./sessions";
import { clearFailures, recordFailure, retryAfterSeconds, throttleKeys } from "./sign-in-throttle";

export class TooManySignInsError extends ApiError {
  readonly retryAfter: number;
  constructor(retryAfter: number) {
    super("too_many_requests", `Too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} minute(s)`, undefined, {
      "retry-after": String(retryAfter),
    });
    this.retryAfter = retryAfter;
  }
}

const WRONG = "The email or password is wrong";

export function emailKeyOf(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an email and password and starts a session. Every failure reads
 * the same and costs the same time, whether the account exists or not; too
 * many failures for the account or the address answer 429 without checking.
 */
export async function signIn(
  { input, client, previousCookie }: { input: SignInBody; client: ClientInfo; previousCookie?: string },
  db: Db = prisma,
): Promise<{ cookie: string; expiresAt: Date; user: { id: string; email: string; name: string; role: string } }> {
  if (!env.PASSWORD_SIGN_IN) throw forbidden("Password sign-in is turned off here; use single sign-on");
  const emailKey = emailKeyOf(input.email);
  const keys = throttleKeys({ emailKey, ip: client.ip });
  const wait = await retryAfterSeconds(keys, db);
  if (wait > 0) throw new TooManySignInsError(wait);

  const user = await db.user.findUnique({ where: { emailKey } });
  const ok =
    user !== null && user.passwordHash !== null && !user.disabled
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstNobody(input.password);
  if (!ok || user === null) {
    await recordFailure(keys, db);
    throw new ApiError("unauthenticated", WRONG, [{ path: "password", message: WRONG }]);
  }
  await clearFailures(keys[0], db);
  const session = await createSession({ userId: user.id, client, previousCookie }, db);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { ...session, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/** Audits a sign-in (the event's actor is the user who signed in). */
export async function recordSignIn(
  {
    user,
    requestId,
    client,
    method,
  }: { user: { id: string; email: string; role: string }; requestId: string; client: ClientInfo; method: "password" | "oidc" },
  db: Db = prisma,
): Promise<void> {
  await recordEvent(
    {
      actor: { type: "user", id: user.id, name: user.email, role: user.role as Role, requestId, ...client },
      action: "user.signin",
      targetType: "user",
      targetId: user.id,
      targetName: user.email,
      apiId: null,
      details: { method },
    },
    db,
  );
}
