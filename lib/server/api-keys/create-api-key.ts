import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { displayPrefixOf, generateApiKey, hashApiKeyValue } from "@/lib/keys/api-key-format";
import type { CreateApiKeyBody, IssuedApiKeyDto } from "@/lib/schemas/api-key";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { assertPlansDoNotOverlap } from "./assert-one-plan-per-stage";
import { assertPlansExist } from "./assert-plans-exist";
import { apiKeySelect, toApiKeyDto } from "./serialize-api-key";

export type CreateApiKeyOptions = {
  input: CreateApiKeyBody;
  actor: Actor;
  /** A developer portal key: the consumer it is issued to and the subscription it serves. */
  owner?: { consumerId: string; subscriptionId: string };
};

/**
 * Issues a new key. The plaintext exists only in this function's answer:
 * the database gets its SHA-256 and a short display prefix.
 */
export async function createApiKey({ input, actor, owner }: CreateApiKeyOptions, db: Db = prisma): Promise<IssuedApiKeyDto> {
  return inTransaction(db, async (tx) => {
    await assertPlansExist(input.usagePlanIds, tx);
    await assertPlansDoNotOverlap(input.usagePlanIds, tx);
    const value = generateApiKey();
    const key = await tx.apiKey.create({
      data: {
        name: input.name,
        description: input.description ?? "",
        customerId: input.customerId || null,
        enabled: input.enabled,
        keyHash: hashApiKeyValue(value),
        displayPrefix: displayPrefixOf(value),
        usagePlans: { create: input.usagePlanIds.map((usagePlanId) => ({ usagePlanId })) },
        consumerId: owner?.consumerId ?? null,
        subscriptionId: owner?.subscriptionId ?? null,
      },
      select: apiKeySelect,
    });
    await recordEvent(
      {
        actor,
        action: "apikey.create",
        targetType: "apiKey",
        targetId: key.id,
        apiId: null,
        details: {
          name: key.name,
          displayPrefix: key.displayPrefix,
          customerId: key.customerId,
          usagePlanIds: input.usagePlanIds,
          ...(owner ? { consumerId: owner.consumerId, subscriptionId: owner.subscriptionId } : {}),
        },
      },
      tx,
    );
    return { ...toApiKeyDto(key), value };
  });
}
