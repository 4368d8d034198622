import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { conflict } from "@/lib/errors/api-error";
import { displayPrefixOf, generateApiKey, hashApiKeyValue } from "@/lib/keys/api-key-format";
import type { ApiKeyDto, IssuedApiKeyDto } from "@/lib/schemas/api-key";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { assertNotRevoked, lockApiKeyOrThrow } from "./lock-api-key";
import { apiKeySelect, toApiKeyDto } from "./serialize-api-key";

export type RotateApiKeyOptions = { apiKeyId: string; gracePeriodSeconds: number; actor: Actor; now?: Date };

/**
 * Replaces a key: the new one (same name, customer and plans) works at once;
 * the old one keeps working until `now + gracePeriodSeconds`, so consumers can
 * switch without downtime, and is refused after that.
 */
export async function rotateApiKey(
  { apiKeyId, gracePeriodSeconds, actor, now = new Date() }: RotateApiKeyOptions,
  db: Db = prisma,
): Promise<{ apiKey: IssuedApiKeyDto; previous: ApiKeyDto }> {
  return inTransaction(db, async (tx) => {
    const locked = await lockApiKeyOrThrow(apiKeyId, tx);
    assertNotRevoked(locked, "rotated");
    const old = await tx.apiKey.findUniqueOrThrow({
      where: { id: apiKeyId },
      select: { ...apiKeySelect, consumerId: true, subscriptionId: true, usagePlans: { select: { usagePlanId: true } } },
    });
    if (old.rotatedTo !== null) {
      throw conflict(
        `API key '${old.name}' (${old.displayPrefix}…) was already rotated; rotate its replacement '${old.rotatedTo.id}' instead.`,
      );
    }
    if (old.expiresAt !== null && old.expiresAt <= now) {
      throw conflict(`API key '${old.name}' (${old.displayPrefix}…) expired at ${old.expiresAt.toISOString()}; issue a new key instead.`);
    }
    const expiresAt = new Date(now.getTime() + gracePeriodSeconds * 1000);
    const value = generateApiKey();
    const created = await tx.apiKey.create({
      data: {
        name: old.name,
        description: old.description,
        customerId: old.customerId,
        enabled: true,
        keyHash: hashApiKeyValue(value),
        displayPrefix: displayPrefixOf(value),
        rotatedFromId: old.id,
        // A portal consumer's replacement key stays theirs.
        consumerId: old.consumerId,
        subscriptionId: old.subscriptionId,
        usagePlans: { create: old.usagePlans.map((link) => ({ usagePlanId: link.usagePlanId })) },
      },
      select: apiKeySelect,
    });
    // An old key whose own expiry comes sooner keeps it: rotating never extends a key's life.
    const keepsEarlierExpiry = old.expiresAt !== null && old.expiresAt < expiresAt;
    const previous = await tx.apiKey.update({
      where: { id: apiKeyId },
      data: keepsEarlierExpiry ? {} : { expiresAt },
      select: apiKeySelect,
    });
    await recordEvent(
      {
        actor,
        action: "apikey.rotate",
        targetType: "apiKey",
        targetId: apiKeyId,
        apiId: null,
        details: {
          name: old.name,
          previousPrefix: old.displayPrefix,
          newKeyId: created.id,
          newPrefix: created.displayPrefix,
          gracePeriodSeconds,
          previousExpiresAt: (previous.expiresAt ?? expiresAt).toISOString(),
        },
      },
      tx,
    );
    return { apiKey: { ...toApiKeyDto(created, now), value }, previous: toApiKeyDto(previous, now) };
  });
}
