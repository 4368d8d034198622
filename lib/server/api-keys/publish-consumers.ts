import "server-only";

import type { NodePushResult } from "@/lib/deploy/push";
import type { NodeOutcome } from "@/lib/schemas/usage-plan";
import { prisma } from "@/lib/server/db";
import { loadConsumers } from "@/lib/server/deployments/load-consumers";
import { pushToGatewayNodes } from "@/lib/server/nodes/push-to-gateway-nodes";

/**
 * Deadline per node. A revocation usually lands in well under a second
 * (10,000 keys: a 2.1 MB document, applied in about 0.45 s), but a busy node
 * can take longer to parse a large document: giving up earlier would report a
 * push as lost that the node is about to apply.
 */
export const CONSUMERS_PUSH_TIMEOUT_MS = 5_000;

// Any constant shared by every console process: the advisory lock that
// orders consumers pushes.
const PUBLISH_LOCK_ID = 7_140_101;

function toOutcome(result: NodePushResult): NodeOutcome {
  return {
    nodeId: result.nodeId,
    name: result.name,
    status: result.status,
    hash: result.hash,
    ms: result.ms,
    ...(result.error === undefined ? {} : { error: result.error }),
  };
}

/**
 * Compiles the consumers document from what is committed and pushes it to
 * every gateway node; call it after each key or plan change commits.
 *
 * Publishes are serialised across console processes with a PostgreSQL
 * advisory lock held while compiling and pushing: without it, a document
 * compiled before a concurrent change could reach a node after the newer
 * one and undo it there (a revoked key working again).
 */
export async function publishConsumers(): Promise<NodeOutcome[]> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PUBLISH_LOCK_ID})`;
      const document = await loadConsumers(tx);
      const results = await pushToGatewayNodes({ kind: "consumers", document }, { timeoutMs: CONSUMERS_PUSH_TIMEOUT_MS, retries: 2 });
      return results.map(toOutcome);
    },
    // Waiting for the lock and pushing both take time; the push's own
    // deadline bounds the work inside.
    { maxWait: 10_000, timeout: 15_000 },
  );
}
