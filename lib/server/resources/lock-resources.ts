import "server-only";

import type { Tx } from "@/lib/server/db";

/**
 * Serializes changes to the shape of one API's resource tree (creating,
 * renaming and deleting resources) until the transaction ends. Take it
 * before reading anything the change builds on.
 *
 * Every resource stores its full path, copied from its ancestors' path
 * parts, so a change must read the paths it depends on and write every row
 * that depends on them with no other tree change in between. Row locks on
 * the subtree did not promise that: they cover only the rows that exist when
 * the locking statement runs (and a rename found them by a path it had read
 * before locking). A child committed just after was left unlocked, a
 * grandchild added under it read the child's path before the rename had
 * rewritten it, and the rewrite, which sees only rows committed when its
 * statement starts, missed the grandchild and left its path stale.
 *
 * One lock per API is the simplest rule that is correct for every
 * interleaving (grandparent renames, deletes, several renames at once):
 * once it is held, each statement (READ COMMITTED) sees the tree exactly as
 * the previous change left it. Tree edits are short and rare next to reads,
 * reads never take it, and different APIs never wait for each other.
 */
export async function lockResourceTree(apiId: string, tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`resources:${apiId}`}))`;
}
