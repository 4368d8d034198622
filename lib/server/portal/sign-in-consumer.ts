import "server-only";

import { ApiError, forbidden } from "@/lib/errors/api-error";
import type { ConsumerSignInBody, ConsumerDto } from "@/lib/schemas/portal";
import { recordEvent } from "@/lib/server/audit/record-event";
import type { ClientInfo } from "@/lib/server/auth/client-info";
import { verifyAgainstNobody, verifyPassword } from "@/lib/server/auth/passwords";
import { emailKeyOf, TooManySignInsError } from "@/lib/server/auth/sign-in";
import { clearFailures, recordFailure, retryAfterSeconds, throttleKeys } from "@/lib/server/auth/sign-in-throttle";
import { prisma, type Db } from "@/lib/server/db";

import { createConsumerSession } from "./consumer-sessions";
import { mailConfigured } from "./mail";
import { consumerActor, toConsumerDto } from "./serialize-consumer";

const WRONG = "The email or password is wrong";

/**
 * The console's sign-in rules for consumers: the same answer and cost for an
 * unknown address and a wrong password, and the same throttle (counted
 * apart from the console's, so consumers cannot lock out console users).
 * Only after the password is right does the answer say that an account
 * waits for approval, is disabled or has an unconfirmed address.
 */
export async function signInConsumer(
  {
    input,
    client,
    requestId,
    previousCookie,
  }: { input: ConsumerSignInBody; client: ClientInfo; requestId: string; previousCookie?: string },
  db: Db = prisma,
): Promise<{ cookie: string; expiresAt: Date; consumer: ConsumerDto }> {
  const emailKey = emailKeyOf(input.email);
  const keys = throttleKeys({ emailKey, ip: client.ip }).map((key) => `portal:${key}`);
  const wait = await retryAfterSeconds(keys, db);
  if (wait > 0) throw new TooManySignInsError(wait);

  const consumer = await db.consumer.findUnique({ where: { emailKey } });
  const ok = consumer?.passwordHash
    ? await verifyPassword(consumer.passwordHash, input.password)
    : await verifyAgainstNobody(input.password);
  if (!ok || consumer === null) {
    await recordFailure(keys, db);
    throw new ApiError("unauthenticated", WRONG, [{ path: "password", message: WRONG }]);
  }
  await clearFailures(keys[0], db);
  if (consumer.status === "PENDING") throw forbidden("Your account waits for an admin's approval; you can sign in once it is approved");
  if (consumer.status === "REJECTED") throw forbidden("Your sign-up was not approved; contact the team that runs this portal");
  if (consumer.status === "DISABLED") throw forbidden("Your account is disabled; contact the team that runs this portal");
  if (mailConfigured() && consumer.emailVerifiedAt === null) {
    throw forbidden("Confirm your e-mail address first: follow the link we mailed you when you signed up");
  }
  const session = await createConsumerSession({ consumerId: consumer.id, client, previousCookie }, db);
  const updated = await db.consumer.update({ where: { id: consumer.id }, data: { lastSignInAt: new Date() } });
  await recordEvent(
    {
      actor: consumerActor(consumer, { requestId, ...client }),
      action: "consumer.signin",
      targetType: "consumer",
      targetId: consumer.id,
      targetName: consumer.email,
      apiId: null,
      details: { method: "password" },
    },
    db,
  );
  return { ...session, consumer: toConsumerDto(updated) };
}
