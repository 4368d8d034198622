import "server-only";

import { conflict, notFound } from "@/lib/errors/api-error";
import { oneTimeCodeFormat } from "@/lib/keys/console-token-format";
import { hashSecret } from "@/lib/keys/secret-format";
import type { Actor } from "@/lib/schemas/audit";
import type { ConsumerDto } from "@/lib/schemas/portal";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { deleteConsumerSessions } from "./consumer-sessions";
import { sendMail } from "./mail";
import { toConsumerDto } from "./serialize-consumer";
import { getPortalSettings } from "./settings";

const INVITATION_DAYS = 7;

export async function listConsumers(db: Db = prisma): Promise<(ConsumerDto & { activeKeys: number })[]> {
  const rows = await db.consumer.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    include: { _count: { select: { apiKeys: { where: { revokedAt: null } } } } },
  });
  return rows.map((row) => ({ ...toConsumerDto(row), activeKeys: row._count.apiKeys }));
}

export type ConsumerAction = "approve" | "reject" | "disable" | "enable";

const ALLOWED_FROM: Record<ConsumerAction, string[]> = {
  approve: ["PENDING"],
  reject: ["PENDING"],
  disable: ["ACTIVE", "PENDING"],
  enable: ["DISABLED"],
};
const TO_STATUS = { approve: "ACTIVE", reject: "REJECTED", disable: "DISABLED", enable: "ACTIVE" } as const;

/**
 * Approves, rejects, disables or re-enables a consumer. Disabling ends their
 * sessions and disables every key of theirs in the same transaction;
 * enabling turns the keys they have not revoked back on. The caller
 * publishes the consumers document afterwards, so that every gateway node
 * applies the change at once (see `changesKeys`).
 */
export async function changeConsumer(
  { consumerId, action, actor }: { consumerId: string; action: ConsumerAction; actor: Actor },
  db: Db = prisma,
): Promise<{ consumer: ConsumerDto; changesKeys: boolean }> {
  const result = await inTransaction(db, async (tx) => {
    const rows = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM "Consumer" WHERE id = ${consumerId} FOR UPDATE`;
    if (rows[0] === undefined) throw notFound(`No portal consumer has the id ${consumerId}`);
    const from = rows[0].status;
    if (!ALLOWED_FROM[action].includes(from)) throw conflict(`A ${from.toLowerCase()} consumer cannot be ${action}d`);
    const updated = await tx.consumer.update({ where: { id: consumerId }, data: { status: TO_STATUS[action] } });
    let keys = 0;
    if (action === "disable") {
      await deleteConsumerSessions(consumerId, tx);
      keys = (await tx.apiKey.updateMany({ where: { consumerId, revokedAt: null, enabled: true }, data: { enabled: false } })).count;
    } else if (action === "enable") {
      keys = (await tx.apiKey.updateMany({ where: { consumerId, revokedAt: null, enabled: false }, data: { enabled: true } })).count;
    }
    await recordEvent(
      {
        actor,
        action: `consumer.${action}`,
        targetType: "consumer",
        targetId: consumerId,
        targetName: updated.email,
        apiId: null,
        details: { before: from.toLowerCase(), after: TO_STATUS[action].toLowerCase(), keys },
      },
      tx,
    );
    return { consumer: toConsumerDto(updated), changesKeys: keys > 0 };
  });
  if (action === "approve" || action === "reject") {
    const settings = await getPortalSettings(db);
    await sendMail({
      to: result.consumer.email,
      subject: action === "approve" ? `Your ${settings.name} account is approved` : `Your ${settings.name} sign-up`,
      text: action === "approve" ? "Your account is approved: you can sign in now.\n" : "Your sign-up was not approved.\n",
    });
  }
  return result;
}

/** A one-time sign-up link for invite mode, valid 7 days; mailed when SMTP is configured, and always returned to the admin. */
export async function createPortalInvitation(
  { email, actor, origin }: { email: string; actor: Actor; origin: string },
  db: Db = prisma,
): Promise<{ invitation: { id: string; email: string; expiresAt: string }; invitationUrl: string; mailed: boolean }> {
  const code = oneTimeCodeFormat.generate();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const invitation = await inTransaction(db, async (tx) => {
    const created = await tx.portalInvitation.create({
      data: { email, codeHash: hashSecret(code), expiresAt, createdBy: actor.name.slice(0, 255) },
    });
    await recordEvent(
      {
        actor,
        action: "consumer.invite",
        targetType: "consumer",
        targetId: created.id,
        targetName: email,
        apiId: null,
        details: { expiresAt: expiresAt.toISOString() },
      },
      tx,
    );
    return created;
  });
  const invitationUrl = `${origin}/portal/sign-up?invitation=${encodeURIComponent(code)}&email=${encodeURIComponent(email)}`;
  const settings = await getPortalSettings(db);
  const mailed = await sendMail({
    to: email,
    subject: `You are invited to ${settings.name}`,
    text: `You are invited to sign up to ${settings.name}. This link works once, for ${INVITATION_DAYS} days:\n${invitationUrl}\n`,
  });
  return { invitation: { id: invitation.id, email, expiresAt: expiresAt.toISOString() }, invitationUrl, mailed };
}
