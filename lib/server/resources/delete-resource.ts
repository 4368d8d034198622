import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { ApiError, conflict } from "@/lib/errors/api-error";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { escapeLike } from "@/lib/server/sql/escape-like";
import { inTransaction } from "@/lib/server/transaction";

import { findResourceOrThrow } from "./find-resource";
import { lockResourceTree } from "./lock-resources";

export type DeleteResourceOptions = { apiId: string; resourceId: string; recursive: boolean; actor: Actor };

/**
 * Deletes a resource with its methods. A resource with children is deleted
 * only when the caller says so (`recursive`), and then with its whole subtree.
 */
export async function deleteResource(
  { apiId, resourceId, recursive, actor }: DeleteResourceOptions,
  db: Db = prisma,
): Promise<{ deletedResources: number }> {
  return inTransaction(db, async (tx) => {
    // Under the lock no child can be added below, so the descendants counted are the ones deleted.
    await lockResourceTree(apiId, tx);
    const resource = await findResourceOrThrow({ apiId, resourceId }, tx);
    if (resource.parentId === null) {
      throw conflict("The root resource / cannot be deleted; delete the API to remove everything");
    }
    const descendants = await tx.resource.count({ where: { apiId, path: { startsWith: escapeLike(`${resource.path}/`) } } });
    if (descendants > 0 && !recursive) {
      throw new ApiError(
        "has_children",
        `${resource.path} has ${descendants} descendant resource${descendants === 1 ? "" : "s"}; delete ${descendants === 1 ? "it" : "them"} first, or repeat the request with ?recursive=true to delete the whole subtree`,
        [{ path: "recursive", message: "must be true to delete a resource that has children" }],
      );
    }
    // Children cascade from their parent in the database, so one delete removes the subtree.
    await tx.resource.delete({ where: { id: resource.id } });
    await recordEvent(
      {
        actor,
        action: "resource.delete",
        targetType: "resource",
        targetId: resource.id,
        apiId,
        details: { path: resource.path, deletedResources: descendants + 1 },
      },
      tx,
    );
    return { deletedResources: descendants + 1 };
  });
}
