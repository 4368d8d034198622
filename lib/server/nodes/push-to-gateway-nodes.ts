import "server-only";

import { pushToNodes, servedKey, type NodePushResult, type PushDocument, type PushOptions } from "@/lib/deploy/push";
import { listPushTargets } from "./list-push-targets";
import { recordPushResult } from "./record-push-result";

/**
 * Pushes one document to every configured and recently registered gateway
 * node, and records each node's answer (served hash or last error) for the
 * nodes page before resolving. Targets and results are read and written
 * outside any caller's transaction: a node's answer is a fact about the node
 * whatever becomes of that transaction.
 */
export async function pushToGatewayNodes(doc: PushDocument, options: PushOptions = {}): Promise<NodePushResult[]> {
  const targets = await listPushTargets();
  const key = servedKey(doc);
  return pushToNodes(doc, targets, {
    ...options,
    async onResult(result) {
      try {
        await recordPushResult({
          nodeId: result.nodeId,
          servedKey: key,
          ok: result.status === "applied",
          hash: result.hash,
          error: result.error,
        });
      } catch {
        // A lost bookkeeping write only makes the nodes page refresh from the
        // node later; the push itself happened as reported.
      }
      await options.onResult?.(result);
    },
  });
}
