import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { conflict } from "@/lib/errors/api-error";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { findModelOrThrow } from "./find-model";

/** Deletes a model no method uses; a model in use would otherwise silently stop validating requests. */
export async function deleteModel(
  { apiId, modelId, actor }: { apiId: string; modelId: string; actor: Actor },
  db: Db = prisma,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const model = await findModelOrThrow({ apiId, modelId }, tx);
    const users = await tx.method.findMany({
      where: { requestModelId: modelId },
      select: { httpMethod: true, resource: { select: { path: true } } },
      take: 10,
    });
    if (users.length > 0) {
      const list = users.map((method) => `${method.httpMethod} ${method.resource.path}`).join(", ");
      throw conflict(`The model ${model.name} validates requests of ${list}; point those methods at another model (or none) first`);
    }
    await tx.model.delete({ where: { id: modelId } });
    await recordEvent({ actor, action: "model.delete", targetType: "model", targetId: modelId, apiId, details: { name: model.name } }, tx);
  });
}
