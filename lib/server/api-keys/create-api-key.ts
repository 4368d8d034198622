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

export type CreateApiKeyOptions = { input: CreateApiKeyBody; actor: Actor };

/**
 * Issues a new key. The plaintext exists only in this function's answer:
 * the database gets its SHA-256 and a short display prefix.
 */
export async function createApiKey({ input, actor }: CreateApiKeyOptions, db: Db = prisma): Promise<IssuedApiKeyDto> {
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
        details: { name: key.name, displayPrefix: key.displayPrefix, customerId: key.customerId, usagePlanIds: input.usagePlanIds },
      },
      tx,
    );
    return { ...toApiKeyDto(key), value };
  });
}
