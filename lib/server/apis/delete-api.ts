import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { findApiOrThrow } from "./get-api";

export type DeleteApiOptions = { apiId: string; actor: Actor };

/** Deletes an API and everything it owns: resources, methods, models, deployments, stages. */
export async function deleteApi({ apiId, actor }: DeleteApiOptions, db: Db = prisma): Promise<void> {
  await inTransaction(db, async (tx) => {
    const api = await findApiOrThrow({ apiId }, tx);
    // Stages point at deployments with ON DELETE RESTRICT (a deployment in use
    // must not vanish). Both cascade from the API, but in an unspecified
    // order, so the stages go first.
    await tx.stage.deleteMany({ where: { apiId } });
    await tx.api.delete({ where: { id: apiId } });
    await recordEvent({ actor, action: "api.delete", targetType: "api", targetId: apiId, apiId, details: { name: api.name } }, tx);
  });
}
