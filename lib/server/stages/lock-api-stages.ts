import "server-only";

import type { Tx } from "@/lib/server/db";

/**
 * Serializes deploys and stage changes of one API until the transaction ends.
 * Two concurrent changes to one stage would otherwise race between reading
 * the stage and pointing it at a deployment, and one of them would be lost.
 */
export async function lockApiStages(apiId: string, tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`deploy:${apiId}`}))`;
}
