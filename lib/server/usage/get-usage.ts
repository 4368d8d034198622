import "server-only";

import { env } from "@/lib/env";
import type { KeyDailyUsage, NodeOutcome, UsageDay, UsageItem, UsageReport } from "@/lib/schemas/usage-plan";
import { prisma, type Db } from "@/lib/server/db";
import { listPushTargets } from "@/lib/server/nodes/list-push-targets";
import { usagePlanNotFound } from "@/lib/server/usage-plans/get-usage-plan";

import { addDays, dayRange, toDay } from "./days";
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
 * Requests per key per day over the nodes' answers: the first healthy answer
 * when the counters are shared, else the sum of every node's own counts.
 */
export function combineDailyUsage(answers: NodeUsageAnswer[], sharedCounters: boolean): Map<string, Map<string, number>> {
  const healthy = answers.filter((answer) => answer.ok);
  const sources = sharedCounters ? healthy.slice(0, 1) : healthy;
  const combined = new Map<string, Map<string, number>>();
  for (const answer of sources) {
    for (const [keyId, byDate] of answer.daily) {
      let total = combined.get(keyId);
      if (total === undefined) combined.set(keyId, (total = new Map<string, number>()));
      for (const [date, used] of byDate) total.set(date, (total.get(date) ?? 0) + used);
    }
  }
  return combined;
}

/**
 * One key's days from `startDate` to `endDate` with the quota left at the
 * end of each: a DAY quota minus that day's requests; a WEEK or MONTH quota
 * minus the period's requests up to that day (so `byDate` must reach back
 * to the start of the period containing `startDate`).
 */
export function dailySeries(
  byDate: Map<string, number> | undefined,
  startDate: string,
  endDate: string,
  quota: { limit: number; period: "DAY" | "WEEK" | "MONTH" } | null,
): UsageDay[] {
  const usedOn = (date: string) => byDate?.get(date) ?? 0;
  return dayRange(startDate, endDate).map((date) => {
    const used = usedOn(date);
    if (quota === null) return { date, used, remaining: null };
    const from = toDay(periodStart(quota.period, new Date(`${date}T00:00:00Z`)));
    const usedInPeriod = dayRange(from, date).reduce((sum, day) => sum + usedOn(day), 0);
    return { date, used, remaining: Math.max(0, quota.limit - usedInPeriod) };
  });
}

/** The report's days: `endDate` defaults to today (UTC), `startDate` to six days before it. */
export function usageRange(startDate: string | undefined, endDate: string | undefined, now: Date): { startDate: string; endDate: string } {
  const end = endDate ?? toDay(now);
  return { startDate: startDate ?? addDays(end, -(DEFAULT_USAGE_DAYS - 1)), endDate: end };
}

const DEFAULT_USAGE_DAYS = 7;

/**
 * Usage of a plan's keys, read from the gateway nodes' counters, like API
 * Gateway's GetUsage: requests per key per UTC day from `startDate` to
 * `endDate` (default: the last 7 days) with the quota left, plus the quota
 * used in the current period.
 */
export async function getUsagePlanUsage(
  {
    usagePlanId,
    apiKeyId,
    startDate,
    endDate,
    now = new Date(),
  }: { usagePlanId: string; apiKeyId?: string; startDate?: string; endDate?: string; now?: Date },
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
  const range = usageRange(startDate, endDate, now);
  const base = {
    usagePlanId,
    ...range,
    quota,
    periodStart: quota ? periodStart(quota.period, now).toISOString() : null,
    sharedCounters,
  };
  if (keys.length === 0) return { ...base, items: [], keys: [], usage: {}, nodes: [] };

  // Quota left on a day of a WEEK or MONTH quota depends on the period's earlier days: read from its start.
  const readFrom =
    quota === null || quota.period === "DAY" ? range.startDate : toDay(periodStart(quota.period, new Date(`${range.startDate}T00:00:00Z`)));
  const targets = await listPushTargets(db);
  const keyIds = keys.map((key) => key.id);
  let answers: NodeUsageAnswer[];
  if (sharedCounters) {
    // One healthy node is enough when they share counters: ask them in turn.
    answers = [];
    for (const target of targets) {
      const answer = await readNodeUsage(target, keyIds, readFrom, range.endDate);
      answers.push(answer);
      if (answer.ok) break;
    }
  } else {
    answers = await Promise.all(targets.map((target) => readNodeUsage(target, keyIds, readFrom, range.endDate)));
  }
  const nodes: NodeOutcome[] = answers.map((answer) => ({
    nodeId: answer.node.nodeId,
    name: answer.node.name,
    status: answer.ok ? "ok" : "failed",
    ms: answer.ms,
    ...(answer.ok ? {} : { error: answer.error }),
  }));

  const daily = combineDailyUsage(answers, sharedCounters);
  const keySeries: KeyDailyUsage[] = keys
    .map((key) => ({
      apiKeyId: key.id,
      apiKeyName: key.name,
      displayPrefix: key.displayPrefix,
      days: dailySeries(daily.get(key.id), range.startDate, range.endDate, quota),
    }))
    .sort((a, b) => totalUsed(b) - totalUsed(a) || a.apiKeyName.localeCompare(b.apiKeyName));
  const usage = Object.fromEntries(
    keySeries.map((key) => [key.apiKeyId, key.days.map((day): [number, number | null] => [day.used, day.remaining])]),
  );
  if (quota === null) return { ...base, items: [], keys: keySeries, usage, nodes };

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
  return { ...base, items, keys: keySeries, usage, nodes };
}

function totalUsed(key: KeyDailyUsage): number {
  return key.days.reduce((sum, day) => sum + day.used, 0);
}

function periodEnd(period: "DAY" | "WEEK" | "MONTH", now: Date): Date {
  const start = periodStart(period, now);
  if (period === "DAY") return new Date(start.getTime() + 86_400_000);
  if (period === "WEEK") return new Date(start.getTime() + 7 * 86_400_000);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}
