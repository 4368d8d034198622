import "server-only";

import type { Tx } from "@/lib/server/db";

// Row locks that serialise changes to the same part of a resource tree.
// Without them, a child created under /pets while /pets is being renamed
// could be written with the old path prefix, and a child created while its
// parent is being deleted without `recursive` would vanish with it.

/** Locks one resource until the transaction ends; a concurrent rename or delete of it waits, and vice versa. */
export async function lockResource(tx: Tx, { apiId, resourceId }: { apiId: string; resourceId: string }): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Resource" WHERE "id" = ${resourceId} AND "apiId" = ${apiId} FOR UPDATE`;
}

/** Locks a resource and every descendant, so no child can be added anywhere below it meanwhile. */
export async function lockSubtree(tx: Tx, { apiId, resourceId, path }: { apiId: string; resourceId: string; path: string }): Promise<void> {
  await tx.$queryRaw`
    SELECT "id" FROM "Resource"
    WHERE "apiId" = ${apiId} AND ("id" = ${resourceId} OR left("path", ${path.length + 1}) = ${`${path}/`})
    FOR UPDATE`;
}
