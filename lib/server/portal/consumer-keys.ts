import "server-only";

import { notFound } from "@/lib/errors/api-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/schemas/audit";
import type { ConsumerApiKeyDto } from "@/lib/schemas/portal";
import { revokeApiKey } from "@/lib/server/api-keys/revoke-api-key";
import { rotateApiKey } from "@/lib/server/api-keys/rotate-api-key";
import { apiKeySelect, apiKeyStatus } from "@/lib/server/api-keys/serialize-api-key";
import { prisma, type Db } from "@/lib/server/db";

// A consumer's keys are ordinary API keys with their consumerId: these
// functions only add the ownership check in front of the console's own
// rotate and revoke, so the rules (grace period, audit, idempotent revoke)
// are the same. Another consumer's key answers 404, exactly as a key that
// does not exist, so ids cannot be probed.

const consumerKeySelect = {
  ...apiKeySelect,
  subscriptionId: true,
  subscription: { select: { listingId: true } },
} satisfies Prisma.ApiKeySelect;

type ConsumerKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof consumerKeySelect }>;

function toConsumerKeyDto(key: ConsumerKeyRow, now = new Date()): ConsumerApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    displayPrefix: key.displayPrefix,
    status: apiKeyStatus(key, now),
    revokedAt: key.revokedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    rotatedFromId: key.rotatedFromId,
    rotatedToId: key.rotatedTo?.id ?? null,
    usagePlans: key.usagePlans.map((link) => link.usagePlan),
    createdAt: key.createdAt.toISOString(),
    subscriptionId: key.subscriptionId,
    listingId: key.subscription?.listingId ?? null,
  };
}

async function assertOwnKey(consumerId: string, apiKeyId: string, db: Db): Promise<void> {
  const owned = await db.apiKey.count({ where: { id: apiKeyId, consumerId } });
  if (owned === 0) throw notFound(`You have no API key with the id ${apiKeyId}; your keys are at GET /api/v1/portal/api-keys`);
}

export async function listConsumerKeys({ consumerId }: { consumerId: string }, db: Db = prisma): Promise<ConsumerApiKeyDto[]> {
  const keys = await db.apiKey.findMany({
    where: { consumerId },
    select: consumerKeySelect,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  const now = new Date();
  return keys.map((key) => toConsumerKeyDto(key, now));
}

async function consumerKeyDto(apiKeyId: string, db: Db): Promise<ConsumerApiKeyDto> {
  return toConsumerKeyDto(await db.apiKey.findUniqueOrThrow({ where: { id: apiKeyId }, select: consumerKeySelect }));
}

export async function revokeConsumerKey(
  { consumerId, apiKeyId, actor }: { consumerId: string; apiKeyId: string; actor: Actor },
  db: Db = prisma,
): Promise<ConsumerApiKeyDto> {
  await assertOwnKey(consumerId, apiKeyId, db);
  await revokeApiKey({ apiKeyId, actor }, db);
  return consumerKeyDto(apiKeyId, db);
}

export async function rotateConsumerKey(
  { consumerId, apiKeyId, gracePeriodSeconds, actor }: { consumerId: string; apiKeyId: string; gracePeriodSeconds: number; actor: Actor },
  db: Db = prisma,
): Promise<{ apiKey: ConsumerApiKeyDto & { value: string }; previous: ConsumerApiKeyDto }> {
  await assertOwnKey(consumerId, apiKeyId, db);
  const rotated = await rotateApiKey({ apiKeyId, gracePeriodSeconds, actor }, db);
  return {
    apiKey: { ...(await consumerKeyDto(rotated.apiKey.id, db)), value: rotated.apiKey.value },
    previous: await consumerKeyDto(apiKeyId, db),
  };
}

/** The consumer's key whose value this is, or null: try-it calls go out only with the caller's own keys. */
export async function findConsumerKeyByValue({ consumerId, keyHash }: { consumerId: string; keyHash: string }, db: Db = prisma) {
  return db.apiKey.findFirst({ where: { consumerId, keyHash }, select: { id: true } });
}
