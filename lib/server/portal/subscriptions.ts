import "server-only";

import { conflict, invalidField, notFound } from "@/lib/errors/api-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/schemas/audit";
import type { CreateSubscriptionBody, PendingRequestDto, SubscriptionDto } from "@/lib/schemas/portal";
import { createApiKey } from "@/lib/server/api-keys/create-api-key";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db, type Tx } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { findListingOrThrow } from "./listings";
import { sendMail } from "./mail";

export const subscriptionInclude = {
  listing: { select: { id: true, stage: { select: { name: true, api: { select: { id: true, name: true } } } } } },
  usagePlan: { select: { id: true, name: true } },
  consumer: { select: { id: true, email: true, name: true, organization: true } },
} satisfies Prisma.SubscriptionInclude;

type SubscriptionRow = Prisma.SubscriptionGetPayload<{ include: typeof subscriptionInclude }>;

export function toSubscriptionDto(row: SubscriptionRow): SubscriptionDto {
  return {
    id: row.id,
    status: row.status.toLowerCase() as SubscriptionDto["status"],
    listingId: row.listing.id,
    apiId: row.listing.stage.api.id,
    stage: row.listing.stage.name,
    apiName: row.listing.stage.api.name,
    usagePlan: row.usagePlan,
    note: row.note,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function toPendingRequestDto(row: SubscriptionRow): PendingRequestDto {
  return { ...toSubscriptionDto(row), consumer: row.consumer };
}

export type IssuedConsumerKey = { id: string; value: string; displayPrefix: string };

/** Issues the consumer's key for an active subscription: an ordinary key in the subscription's plan, linked to both. */
async function issueSubscriptionKey(row: SubscriptionRow, actor: Actor, tx: Tx): Promise<IssuedConsumerKey> {
  const key = await createApiKey(
    {
      input: {
        name: `${row.listing.stage.api.name} (${row.listing.stage.name}) for ${row.consumer.email}`.slice(0, 128),
        customerId: row.consumer.id,
        enabled: true,
        usagePlanIds: [row.usagePlan.id],
      },
      actor,
      owner: { consumerId: row.consumer.id, subscriptionId: row.id },
    },
    tx,
  );
  return { id: key.id, value: key.value, displayPrefix: key.displayPrefix };
}

/**
 * A consumer asks for a listing with one of its plans. With automatic
 * approval the subscription is active and its key is in the answer (the
 * only time its value is shown); otherwise it waits in the console's queue.
 * One subscription per consumer and listing, unless the earlier one was rejected.
 */
export async function subscribe(
  { consumerId, input, actor }: { consumerId: string; input: CreateSubscriptionBody; actor: Actor },
  db: Db = prisma,
): Promise<{ subscription: SubscriptionDto; apiKey?: IssuedConsumerKey }> {
  return inTransaction(db, async (tx) => {
    const listing = await findListingOrThrow(input.listingId, tx);
    if (!listing.plans.some((link) => link.usagePlanId === input.usagePlanId)) {
      throw invalidField(
        "usagePlanId",
        `This API is not offered with the plan ${input.usagePlanId}; pick one of the plans the catalog lists`,
      );
    }
    // Locks the consumer's row so that two clicks cannot make two subscriptions.
    await tx.$queryRaw`SELECT id FROM "Consumer" WHERE id = ${consumerId} FOR UPDATE`;
    const existing = await tx.subscription.findFirst({
      where: { consumerId, listingId: input.listingId, status: { not: "REJECTED" } },
      select: { status: true },
    });
    if (existing !== null) {
      throw conflict(
        existing.status === "ACTIVE"
          ? "You are subscribed to this API already; your keys are on the Keys page (rotate one for a new value)"
          : "Your request for this API waits for approval already",
      );
    }
    const status = listing.approval === "AUTO" ? "ACTIVE" : "PENDING";
    const created = await tx.subscription.create({
      data: { consumerId, listingId: input.listingId, usagePlanId: input.usagePlanId, status },
      include: subscriptionInclude,
    });
    await recordEvent(
      {
        actor,
        action: "subscription.create",
        targetType: "subscription",
        targetId: created.id,
        targetName: `${created.listing.stage.api.name} (${created.listing.stage.name})`,
        apiId: created.listing.stage.api.id,
        details: { consumerId, listingId: input.listingId, usagePlanId: input.usagePlanId, status: status.toLowerCase() },
      },
      tx,
    );
    const subscription = toSubscriptionDto(created);
    if (status === "PENDING") return { subscription };
    return { subscription, apiKey: await issueSubscriptionKey(created, actor, tx) };
  });
}

export async function listConsumerSubscriptions({ consumerId }: { consumerId: string }, db: Db = prisma): Promise<SubscriptionDto[]> {
  const rows = await db.subscription.findMany({ where: { consumerId }, include: subscriptionInclude, orderBy: { createdAt: "desc" } });
  return rows.map(toSubscriptionDto);
}

export async function listPendingRequests(db: Db = prisma): Promise<PendingRequestDto[]> {
  const rows = await db.subscription.findMany({
    where: { status: "PENDING" },
    include: subscriptionInclude,
    orderBy: { createdAt: "asc" },
  });
  return rows.map(toPendingRequestDto);
}

/**
 * An admin approves or rejects a pending subscription with a note the
 * consumer sees. No key is issued here, so that no admin ever sees its
 * value: the consumer takes it from the portal (claimSubscriptionKey).
 */
export async function decideRequest(
  { requestId, decision, note, actor }: { requestId: string; decision: "approve" | "reject"; note: string; actor: Actor },
  db: Db = prisma,
): Promise<{ request: PendingRequestDto }> {
  const result = await inTransaction(db, async (tx) => {
    const rows = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM "Subscription" WHERE id = ${requestId} FOR UPDATE`;
    if (rows[0] === undefined)
      throw notFound(`No subscription request has the id ${requestId}; pending ones are at GET /api/v1/portal/requests`);
    if (rows[0].status !== "PENDING") throw conflict(`This request was decided already (${rows[0].status.toLowerCase()})`);
    const updated = await tx.subscription.update({
      where: { id: requestId },
      data: { status: decision === "approve" ? "ACTIVE" : "REJECTED", note, decidedAt: new Date(), decidedBy: actor.name.slice(0, 320) },
      include: subscriptionInclude,
    });
    await recordEvent(
      {
        actor,
        action: decision === "approve" ? "subscription.approve" : "subscription.reject",
        targetType: "subscription",
        targetId: requestId,
        targetName: `${updated.listing.stage.api.name} (${updated.listing.stage.name})`,
        apiId: updated.listing.stage.api.id,
        details: { consumerId: updated.consumer.id, consumer: updated.consumer.email, usagePlanId: updated.usagePlan.id, note },
      },
      tx,
    );
    return { request: toPendingRequestDto(updated) };
  });
  const { request } = result;
  await sendMail({
    to: request.consumer.email,
    subject: `Your request for ${request.apiName} was ${decision === "approve" ? "approved" : "declined"}`,
    text:
      decision === "approve"
        ? `Your subscription to ${request.apiName} (${request.stage}) with the plan ${request.usagePlan.name} is active.\nSign in to the portal to get its key.${note ? `\n\nNote: ${note}` : ""}\n`
        : `Your request for ${request.apiName} (${request.stage}) was declined.${note ? `\n\nNote: ${note}` : ""}\n`,
  });
  return result;
}

/**
 * Issues the key of an approved subscription to its consumer, once: while a
 * key of the subscription is still usable, the consumer rotates that one instead.
 */
export async function claimSubscriptionKey(
  { consumerId, subscriptionId, actor }: { consumerId: string; subscriptionId: string; actor: Actor },
  db: Db = prisma,
): Promise<IssuedConsumerKey> {
  return inTransaction(db, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Subscription" WHERE id = ${subscriptionId} AND "consumerId" = ${consumerId} FOR UPDATE`;
    if (rows[0] === undefined) throw notFound(`You have no subscription with the id ${subscriptionId}`);
    const row = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, include: subscriptionInclude });
    if (row.status !== "ACTIVE")
      throw conflict(`This subscription is ${row.status.toLowerCase()}; a key comes with an active subscription`);
    const live = await tx.apiKey.count({ where: { subscriptionId, revokedAt: null } });
    if (live > 0) throw conflict("This subscription has a key already; rotate it on your Keys page for a new value");
    return issueSubscriptionKey(row, actor, tx);
  });
}
