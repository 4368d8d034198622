import "server-only";

import { z } from "zod";

import type { PushTarget } from "@/lib/deploy/push";
import { MAX_USAGE_DAYS } from "@/lib/schemas/usage-plan";

import { addDays, daysBetween } from "./days";

/**
 * What a gateway node's admin `GET /v1/usage` answers: the current quota
 * period's counters, and requests per key per UTC day (absent from gateways
 * older than daily usage, which then count as no requests).
 */
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
  keys: z.array(z.object({ keyId: z.string(), days: z.array(z.object({ date: z.string(), used: z.number() })) })).default([]),
});

export type NodeUsageRow = z.infer<typeof nodeUsageSchema>["usage"][number];
/** key id → date (YYYY-MM-DD) → requests. */
export type NodeDailyUsage = Map<string, Map<string, number>>;
export type NodeUsageAnswer =
  | { ok: true; node: PushTarget; ms: number; rows: NodeUsageRow[]; daily: NodeDailyUsage }
  | { ok: false; node: PushTarget; ms: number; error: string };

/** The node accepts at most this many key ids per request. */
const KEYS_PER_REQUEST = 1000;
export const USAGE_READ_TIMEOUT_MS = 2_000;

/**
 * Asks one node for the quota counters of `keyIds` and their requests per
 * day from `fromDay` to `toDay` (YYYY-MM-DD, any length: asked in windows
 * the node accepts); never throws, failures are answers.
 */
export async function readNodeUsage(node: PushTarget, keyIds: string[], fromDay: string, toDay: string): Promise<NodeUsageAnswer> {
  const started = performance.now();
  const base = node.adminUrl.replace(/\/+$/, "");
  const rows: NodeUsageRow[] = [];
  const daily: NodeDailyUsage = new Map();
  const windows: [string, string][] = [];
  for (let from = fromDay; daysBetween(from, toDay) >= 0; from = addDays(from, MAX_USAGE_DAYS)) {
    const last = addDays(from, MAX_USAGE_DAYS - 1);
    windows.push([from, daysBetween(last, toDay) >= 0 ? last : toDay]);
  }
  try {
    for (let index = 0; index < keyIds.length; index += KEYS_PER_REQUEST) {
      const chunk = keyIds.slice(index, index + KEYS_PER_REQUEST);
      for (const [windowIndex, [from, to]] of windows.entries()) {
        const query = `keys=${chunk.map(encodeURIComponent).join(",")}&from=${from}&to=${to}`;
        const response = await fetch(`${base}/v1/usage?${query}`, {
          headers: { authorization: `Bearer ${node.adminToken}` },
          signal: AbortSignal.timeout(USAGE_READ_TIMEOUT_MS),
        });
        if (!response.ok) {
          const reason =
            response.status === 401
              ? "the node refused the admin token (check GATEWAY_ADMIN_TOKEN)"
              : `the node answered ${response.status}`;
          return { ok: false, node, ms: Math.round(performance.now() - started), error: reason };
        }
        const body = nodeUsageSchema.parse(await response.json());
        // Every window repeats the current period's counters: keep one copy.
        if (windowIndex === 0) rows.push(...body.usage);
        for (const key of body.keys) {
          let byDate = daily.get(key.keyId);
          if (byDate === undefined) daily.set(key.keyId, (byDate = new Map<string, number>()));
          for (const day of key.days) byDate.set(day.date, day.used);
        }
      }
    }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return {
      ok: false,
      node,
      ms: Math.round(performance.now() - started),
      error: `could not read usage (${cause?.code ?? (error as Error).message})`,
    };
  }
  return { ok: true, node, ms: Math.round(performance.now() - started), rows, daily };
}
