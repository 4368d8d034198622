import "server-only";

import { prisma, type Db } from "@/lib/server/db";

export type PushOutcome = {
  nodeId: string;
  /** Key in GatewayNode.served: "<apiId>/<stage>" or "consumers". */
  servedKey: string;
  ok: boolean;
  /** What the node now serves under that key; null when the stage was removed. */
  hash: string | null;
  error?: string;
};

/**
 * Records one node's answer to a push: its served hash for that key on
 * success (as one jsonb update, so concurrent pushes to other stages of the
 * same node do not overwrite each other), the reason on failure.
 */
export async function recordPushResult(outcome: PushOutcome, db: Db = prisma): Promise<void> {
  if (!outcome.ok) {
    await db.$executeRaw`UPDATE "GatewayNode" SET "lastError" = ${(outcome.error ?? "push failed").slice(0, 2048)}, "updatedAt" = now() WHERE id = ${outcome.nodeId}`;
    return;
  }
  if (outcome.hash === null) {
    await db.$executeRaw`UPDATE "GatewayNode" SET served = served - ${outcome.servedKey}::text, "lastError" = NULL, "lastSeenAt" = now(), "updatedAt" = now() WHERE id = ${outcome.nodeId}`;
    return;
  }
  await db.$executeRaw`UPDATE "GatewayNode" SET served = served || jsonb_build_object(${outcome.servedKey}::text, ${outcome.hash}::text), "lastError" = NULL, "lastSeenAt" = now(), "updatedAt" = now() WHERE id = ${outcome.nodeId}`;
}
