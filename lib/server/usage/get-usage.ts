import "server-only";

import { env } from "@/lib/env";
import type { NodeOutcome, UsageItem, UsageReport } from "@/lib/schemas/usage-plan";
import { prisma, type Db } from "@/lib/server/db";
import { listPushTargets } from "@/lib/server/nodes/list-push-targets";
import { usagePlanNotFound } from "@/lib/server/usage-plans/get-usage-plan";

import { readNodeUsage, type NodeUsageAnswer } from "./read-node-usage";

type KeyInfo = { id: string; name: string; displayPrefix: string };

/** Start of the calendar period (UTC) containing `now`, as the gateway counts quotas (weeks start on Monday). */
export function periodStart(period: "DAY" | "WEEK" | "MONTH", now: Date): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (period === "DAY") return day;
  if (period === "MONTH") return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 86_400_000);
}

/**
 * Combines the nodes' counters. With a shared (Redis) store every node reads
 * the same counters, so the first healthy answer is the truth; with memory
 * stores each node counts only what it served, so the answers are summed.
 */
export function combineUsage(answers: NodeUsageAnswer[], sharedCounters: boolean, planId: string, keys: Map<string, KeyInfo>): UsageItem[] {
  const healthy = answers.filter((answer) => answer.ok);
  const sources = sharedCounters ? healthy.slice(0, 1) : healthy;
  const items = new Map<string, UsageItem>();
  for (const answer of sources) {
    for (const row of answer.rows) {
      const key = keys.get(row.keyId);
      if (row.planId !== planId || key === undefined) continue;
      const item = items.get(row.keyId);
      if (item === undefined) {
        items.set(row.keyId, {
          apiKeyId: row.keyId,
          apiKeyName: key.name,
          displayPrefix: key.displayPrefix,
          usagePlanId: row.planId,
          period: row.period,
          limit: row.limit,
          used: row.used,
          remaining: Math.max(0, row.limit - row.used),
          resetAt: new Date(row.resetAt).toISOString(),
        });
      } else {
        item.used += row.used;
        item.remaining = Math.max(0, item.limit - item.used);
      }
    }
  }
  return [...items.values()].sort((a, b) => b.used - a.used || a.apiKeyName.localeCompare(b.apiKeyName));
}

/**
 * Quota usage of a plan's keys in the current period, read from the gateway
 * nodes' counters (like API Gateway's GetUsage, for the current period only:
 * the gateway keeps no history of past periods).
 */
export async function getUsagePlanUsage(
  { usagePlanId, apiKeyId, now = new Date() }: { usagePlanId: string; apiKeyId?: string; now?: Date },
  db: Db = prisma,
): Promise<UsageReport> {
  const plan = await db.usagePlan.findUnique({
    where: { id: usagePlanId },
    select: { id: true, quotaLimit: true, quotaPeriod: true },
  });
  if (plan === null) throw usagePlanNotFound(usagePlanId);
  const quota = plan.quotaLimit !== null && plan.quotaPeriod !== null ? { limit: plan.quotaLimit, period: plan.quotaPeriod } : null;
  const keys = await db.apiKey.findMany({
    where: { revokedAt: null, usagePlans: { some: { usagePlanId } }, ...(apiKeyId ? { id: apiKeyId } : {}) },
    select: { id: true, name: true, displayPrefix: true },
  });
  const sharedCounters = env.REDIS_URL !== undefined;
  const base = { usagePlanId, quota, periodStart: quota ? periodStart(quota.period, now).toISOString() : null, sharedCounters };
  if (quota === null || keys.length === 0) return { ...base, items: [], nodes: [] };

  const targets = await listPushTargets(db);
  const keyIds = keys.map((key) => key.id);
  let answers: NodeUsageAnswer[];
  if (sharedCounters) {
    // One healthy node is enough when they share counters: ask them in turn.
    answers = [];
    for (const target of targets) {
      const answer = await readNodeUsage(target, keyIds);
      answers.push(answer);
      if (answer.ok) break;
    }
  } else {
    answers = await Promise.all(targets.map((target) => readNodeUsage(target, keyIds)));
  }
  const nodes: NodeOutcome[] = answers.map((answer) => ({
    nodeId: answer.node.nodeId,
    name: answer.node.name,
    status: answer.ok ? "ok" : "failed",
    ms: answer.ms,
    ...(answer.ok ? {} : { error: answer.error }),
  }));
  const byId = new Map(keys.map((key) => [key.id, key]));
  const items = combineUsage(answers, sharedCounters, usagePlanId, byId);
  // Keys no node has counted yet used nothing in this period.
  for (const key of keys) {
    if (items.some((item) => item.apiKeyId === key.id)) continue;
    items.push({
      apiKeyId: key.id,
      apiKeyName: key.name,
      displayPrefix: key.displayPrefix,
      usagePlanId,
      period: quota.period,
      limit: quota.limit,
      used: 0,
      remaining: quota.limit,
      resetAt: periodEnd(quota.period, now).toISOString(),
    });
  }
  return { ...base, items, nodes };
}

function periodEnd(period: "DAY" | "WEEK" | "MONTH", now: Date): Date {
  const start = periodStart(period, now);
  if (period === "DAY") return new Date(start.getTime() + 86_400_000);
  if (period === "WEEK") return new Date(start.getTime() + 7 * 86_400_000);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}
