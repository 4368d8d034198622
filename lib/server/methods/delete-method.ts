import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { findMethodOrThrow, type MethodAddress } from "./find-method";

/** Deletes a method and its integration. */
export async function deleteMethod({ actor, ...address }: MethodAddress & { actor: Actor }, db: Db = prisma): Promise<void> {
  await inTransaction(db, async (tx) => {
    const method = await findMethodOrThrow(address, tx);
    await tx.method.delete({ where: { id: method.id } });
    await recordEvent(
      {
        actor,
        action: "method.delete",
        targetType: "method",
        targetId: method.id,
        apiId: address.apiId,
        details: { path: method.resource.path, httpMethod: method.httpMethod },
      },
      tx,
    );
  });
}
