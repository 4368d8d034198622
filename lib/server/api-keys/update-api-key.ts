import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import type { ApiKeyDto, UpdateApiKeyBody } from "@/lib/schemas/api-key";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { assertPlansDoNotOverlap } from "./assert-one-plan-per-stage";
import { assertPlansExist } from "./assert-plans-exist";
import { assertNotRevoked, lockApiKeyOrThrow } from "./lock-api-key";
import { apiKeySelect, toApiKeyDto } from "./serialize-api-key";

export type UpdateApiKeyOptions = { apiKeyId: string; input: UpdateApiKeyBody; actor: Actor };

/** Renames, enables or disables a key, or replaces its plans. */
export async function updateApiKey({ apiKeyId, input, actor }: UpdateApiKeyOptions, db: Db = prisma): Promise<ApiKeyDto> {
  return inTransaction(db, async (tx) => {
    const locked = await lockApiKeyOrThrow(apiKeyId, tx);
    assertNotRevoked(locked, "changed");
    if (input.usagePlanIds !== undefined) {
      await assertPlansExist(input.usagePlanIds, tx);
      await assertPlansDoNotOverlap(input.usagePlanIds, tx);
      await tx.apiKeyUsagePlan.deleteMany({ where: { apiKeyId } });
      await tx.apiKeyUsagePlan.createMany({ data: input.usagePlanIds.map((usagePlanId) => ({ apiKeyId, usagePlanId })) });
    }
    const key = await tx.apiKey.update({
      where: { id: apiKeyId },
      data: {
        name: input.name,
        description: input.description,
        customerId: input.customerId === undefined ? undefined : input.customerId || null,
        enabled: input.enabled,
      },
      select: apiKeySelect,
    });
    // Enabling and disabling are the changes people look for in the trail, so they get their own verbs.
    const onlyToggles = Object.keys(input).length === 1 && input.enabled !== undefined;
    await recordEvent(
      {
        actor,
        action: onlyToggles ? (input.enabled ? "apikey.enable" : "apikey.disable") : "apikey.update",
        targetType: "apiKey",
        targetId: apiKeyId,
        apiId: null,
        details: {
          name: key.name,
          displayPrefix: key.displayPrefix,
          changed: Object.keys(input),
          ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
          ...(input.usagePlanIds === undefined ? {} : { usagePlanIds: input.usagePlanIds }),
        },
      },
      tx,
    );
    return toApiKeyDto(key);
  });
}
