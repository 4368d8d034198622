import "server-only";

import { z } from "zod";

import { env } from "@/lib/env";
import type { PushTarget } from "@/lib/server/nodes/list-push-targets";

/** What a gateway node's admin `GET /v1/usage` answers: the current quota period's counters. */
const nodeUsageSchema = z.object({
  usage: z.array(
    z.object({
      keyId: z.string(),
      planId: z.string(),
      period: z.enum(["DAY", "WEEK", "MONTH"]),
      limit: z.number(),
      used: z.number(),
      remaining: z.number(),
      resetAt: z.string(),
    }),
  ),
});

export type NodeUsageRow = z.infer<typeof nodeUsageSchema>["usage"][number];
export type NodeUsageAnswer =
  | { ok: true; node: PushTarget; ms: number; rows: NodeUsageRow[] }
  | { ok: false; node: PushTarget; ms: number; error: string };

/** The node accepts at most this many key ids per request. */
const KEYS_PER_REQUEST = 1000;
export const USAGE_READ_TIMEOUT_MS = 2_000;

/** Asks one node for the quota counters of `keyIds`; never throws, failures are answers. */
export async function readNodeUsage(node: PushTarget, keyIds: string[]): Promise<NodeUsageAnswer> {
  const started = performance.now();
  const base = node.adminUrl.replace(/\/+$/, "");
  const rows: NodeUsageRow[] = [];
  try {
    for (let index = 0; index < keyIds.length; index += KEYS_PER_REQUEST) {
      const chunk = keyIds.slice(index, index + KEYS_PER_REQUEST);
      const response = await fetch(`${base}/v1/usage?keys=${chunk.map(encodeURIComponent).join(",")}`, {
        headers: { authorization: `Bearer ${env.GATEWAY_ADMIN_TOKEN ?? ""}` },
        signal: AbortSignal.timeout(USAGE_READ_TIMEOUT_MS),
      });
      if (!response.ok) {
        const reason = response.status === 401 ? "the node refused the admin token (check GATEWAY_ADMIN_TOKEN)" : `the node answered ${response.status}`;
        return { ok: false, node, ms: Math.round(performance.now() - started), error: reason };
      }
      rows.push(...nodeUsageSchema.parse(await response.json()).usage);
    }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { ok: false, node, ms: Math.round(performance.now() - started), error: `could not read usage (${cause?.code ?? (error as Error).message})` };
  }
  return { ok: true, node, ms: Math.round(performance.now() - started), rows };
}
