import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import type { ApiKeyDto } from "@/lib/schemas/api-key";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { lockApiKeyOrThrow } from "./lock-api-key";
import { apiKeySelect, toApiKeyDto } from "./serialize-api-key";

/**
 * Revokes a key for good: it is disabled, marked revoked and left out of the
 * consumers document. Revoking a revoked key changes nothing and succeeds, so
 * scripts can retry safely.
 */
export async function revokeApiKey({ apiKeyId, actor }: { apiKeyId: string; actor: Actor }, db: Db = prisma): Promise<ApiKeyDto> {
  return inTransaction(db, async (tx) => {
    const locked = await lockApiKeyOrThrow(apiKeyId, tx);
    if (locked.revokedAt === null) {
      await tx.apiKey.update({ where: { id: apiKeyId }, data: { revokedAt: new Date(), enabled: false } });
      await recordEvent(
        {
          actor,
          action: "apikey.revoke",
          targetType: "apiKey",
          targetId: apiKeyId,
          apiId: null,
          details: { name: locked.name, displayPrefix: locked.displayPrefix },
        },
        tx,
      );
    }
    return toApiKeyDto(await tx.apiKey.findUniqueOrThrow({ where: { id: apiKeyId }, select: apiKeySelect }));
  });
}
