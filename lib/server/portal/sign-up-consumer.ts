import "server-only";

import { ApiError, conflict, forbidden } from "@/lib/errors/api-error";
import { oneTimeCodeFormat } from "@/lib/keys/console-token-format";
import { hashSecret } from "@/lib/keys/secret-format";
import type { ConsumerDto, ConsumerSignUpBody } from "@/lib/schemas/portal";
import { recordEvent } from "@/lib/server/audit/record-event";
import type { ClientInfo } from "@/lib/server/auth/client-info";
import { hashPassword } from "@/lib/server/auth/passwords";
import { emailKeyOf } from "@/lib/server/auth/sign-in";
import { recordFailure, retryAfterSeconds } from "@/lib/server/auth/sign-in-throttle";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { createConsumerSession } from "./consumer-sessions";
import { mailConfigured, sendMail } from "./mail";
import { consumerActor, toConsumerDto } from "./serialize-consumer";
import { getPortalSettings } from "./settings";

/** Sign-ups per client address in each 15-minute window: enough for a team behind one address, too few for a script. */
export const SIGN_UPS_PER_WINDOW = 10;

export type SignUpResult = { consumer: ConsumerDto; session: { cookie: string; expiresAt: Date } | null; message: string };

function signUpThrottleKeys(ip: string): string[] {
  return [`portal-signup:ip:${ip || "unknown"}`];
}

/**
 * Creates a consumer account as the portal's sign-up mode allows: open
 * accounts sign in at once (after confirming their address when mail is
 * configured), approval-mode accounts wait for an admin, and invite mode
 * takes a valid invitation for the same address.
 */
export async function signUpConsumer(
  { input, client, requestId, origin }: { input: ConsumerSignUpBody; client: ClientInfo; requestId: string; origin: string },
  db: Db = prisma,
): Promise<SignUpResult> {
  const keys = signUpThrottleKeys(client.ip);
  const wait = await retryAfterSeconds(keys, db, SIGN_UPS_PER_WINDOW);
  if (wait > 0) {
    throw new ApiError(
      "too_many_requests",
      `Too many sign-ups from this address; try again in ${Math.ceil(wait / 60)} minute(s)`,
      undefined,
      {
        "retry-after": String(wait),
      },
    );
  }
  await recordFailure(keys, db);

  const settings = await getPortalSettings(db);
  const emailKey = emailKeyOf(input.email);
  const passwordHash = await hashPassword(input.password);
  const verificationCode = mailConfigured() ? oneTimeCodeFormat.generate() : null;

  const consumer = await inTransaction(db, async (tx) => {
    let invited = false;
    if (settings.signupMode === "invite") {
      const invitation = input.invitation
        ? await tx.portalInvitation.findUnique({ where: { codeHash: hashSecret(input.invitation) } })
        : null;
      if (
        invitation === null ||
        invitation.usedAt !== null ||
        invitation.expiresAt <= new Date() ||
        emailKeyOf(invitation.email) !== emailKey
      ) {
        throw forbidden(
          "Sign-up here takes an invitation: open the link you were given, and sign up with the address it was made for. Links work once, for 7 days.",
        );
      }
      const used = await tx.portalInvitation.updateMany({ where: { id: invitation.id, usedAt: null }, data: { usedAt: new Date() } });
      if (used.count !== 1) throw forbidden("This invitation was just used; ask for a new one");
      invited = true;
    }
    if ((await tx.consumer.findUnique({ where: { emailKey }, select: { id: true } })) !== null) {
      throw conflict("An account with this email exists already; sign in instead", [{ path: "email", message: "already signed up" }]);
    }
    const created = await tx.consumer.create({
      data: {
        email: input.email,
        emailKey,
        name: input.name,
        organization: input.organization,
        passwordHash,
        status: settings.signupMode === "approval" ? "PENDING" : "ACTIVE",
        // An invitation link reached the address, which proves it as a mailed link would.
        emailVerifiedAt: invited ? new Date() : null,
        verificationHash: verificationCode && !invited ? hashSecret(verificationCode) : null,
      },
    });
    await recordEvent(
      {
        actor: consumerActor(created, { requestId, ...client }),
        action: "consumer.signup",
        targetType: "consumer",
        targetId: created.id,
        targetName: created.email,
        apiId: null,
        details: { mode: settings.signupMode, organization: created.organization, invited },
      },
      tx,
    );
    return created;
  });

  if (consumer.verificationHash !== null && verificationCode !== null) {
    await sendMail({
      to: consumer.email,
      subject: `Confirm your address for ${settings.name}`,
      text: `Hello ${consumer.name},\n\nConfirm your address to use ${settings.name}:\n${origin}/portal/verify?code=${encodeURIComponent(verificationCode)}\n`,
    });
  }
  const dto = toConsumerDto(consumer);
  if (consumer.status === "PENDING") {
    return {
      consumer: dto,
      session: null,
      message: "Thanks for signing up. An admin approves new accounts; you can sign in once yours is approved.",
    };
  }
  if (consumer.verificationHash !== null) {
    return {
      consumer: dto,
      session: null,
      message: "Thanks for signing up. Follow the link we mailed you to confirm your address, then sign in.",
    };
  }
  const session = await createConsumerSession({ consumerId: consumer.id, client }, db);
  return { consumer: dto, session, message: "Welcome: you are signed in." };
}

/** Confirms a consumer's address with the code of the link mailed at sign-up. */
export async function verifyConsumerEmail({ code }: { code: string }, db: Db = prisma): Promise<ConsumerDto> {
  if (!oneTimeCodeFormat.isWellFormed(code)) throw forbidden("This confirmation link is not valid; copy the whole link from the mail");
  const consumer = await db.consumer.findUnique({ where: { verificationHash: hashSecret(code) } });
  if (consumer === null) throw forbidden("This confirmation link was used already or is not valid; try signing in");
  const updated = await db.consumer.update({ where: { id: consumer.id }, data: { emailVerifiedAt: new Date(), verificationHash: null } });
  return toConsumerDto(updated);
}
