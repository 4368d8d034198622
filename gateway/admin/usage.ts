import type { ServerResponse } from "node:http";
import type { CounterStore, Period } from "@/gateway/stores";
import { computePeriod, DAY_MS, formatDay, isStoreUnavailableError, parseDay } from "@/gateway/stores";
import type { LiveState } from "../live-state";
import { sendAdminError, sendJson } from "./reply";

/** The longest day range one usage read may ask for: what the stores keep by default. */
const MAX_USAGE_DAYS = 90;

type DayRange = { ok: true; from: number; to: number } | { ok: false; message: string };

/** `from`/`to` of a usage read: either may be left out (`to` defaults to today, `from` to `to`). */
function parseUsageDays(url: URL, now: number): DayRange {
  const fromText = url.searchParams.get("from");
  const toText = url.searchParams.get("to");
  const to = toText === null ? Math.floor(now / DAY_MS) : parseDay(toText);
  const from = fromText === null ? to : parseDay(fromText);
  if (from === null || to === null) return { ok: false, message: "Pass 'from' and 'to' as calendar dates, YYYY-MM-DD (UTC)." };
  if (from > to) return { ok: false, message: `'from' (${formatDay(from)}) is after 'to' (${formatDay(to)}); swap them.` };
  if (to - from + 1 > MAX_USAGE_DAYS) {
    return { ok: false, message: `Ask for at most ${MAX_USAGE_DAYS} days at a time (asked for ${to - from + 1}); narrow 'from' and 'to'.` };
  }
  return { ok: true, from, to };
}

/** `GET /v1/usage`: quota usage per key in the current period, and requests per UTC day per key. */
export async function readUsage(deps: { state: LiveState; store: CounterStore }, url: URL, res: ServerResponse): Promise<void> {
  const ids = (url.searchParams.get("keys") ?? "").split(",").filter((id) => id !== "");
  if (ids.length === 0 || ids.length > 1000) {
    sendAdminError(res, 400, "invalid_query", "Pass 1 to 1000 API key ids as ?keys=id1,id2.");
    return;
  }
  const now = Date.now();
  const range = parseUsageDays(url, now);
  if (!range.ok) {
    sendAdminError(res, 400, "invalid_query", range.message);
    return;
  }
  const fromDay = formatDay(range.from);
  const toDay = formatDay(range.to);
  const consumers = deps.state.consumers.current;
  const rows: { keyId: string; planId: string; period: Period; limit: number; used: number; remaining: number; resetAt: string }[] = [];
  const wanted: { keyId: string; planId: string; period: Period; limit: number; counterKey: string }[] = [];
  for (const keyId of ids) {
    const record = consumers?.byId.get(keyId);
    if (record === undefined) continue;
    const seen = new Set<string>();
    for (const plan of record.stages.values()) {
      if (plan.quota === null || seen.has(plan.planId)) continue;
      seen.add(plan.planId);
      wanted.push({ keyId, planId: plan.planId, period: plan.quota.period, limit: plan.quota.limit, counterKey: plan.quota.counterKey });
    }
  }
  const keys: { keyId: string; days: { date: string; used: number }[] }[] = [];
  try {
    // Daily usage is counted by key id, so keys no longer in the consumers document still show their history.
    const daily = await deps.store.readDailyUsage(ids, fromDay, toDay);
    for (const keyId of ids) {
      const series = daily.get(keyId) ?? [];
      keys.push({ keyId, days: series.map((used, index) => ({ date: formatDay(range.from + index), used })) });
    }
    for (const period of ["DAY", "WEEK", "MONTH"] as const) {
      const inPeriod = wanted.filter((item) => item.period === period);
      if (inPeriod.length === 0) continue;
      const used = await deps.store.readQuota(
        inPeriod.map((item) => item.counterKey),
        period,
        now,
      );
      const resetAt = new Date(computePeriod(period, now).end).toISOString();
      for (const item of inPeriod) {
        const count = used.get(item.counterKey) ?? 0;
        rows.push({
          keyId: item.keyId,
          planId: item.planId,
          period,
          limit: item.limit,
          used: count,
          remaining: Math.max(0, item.limit - count),
          resetAt,
        });
      }
    }
  } catch (error) {
    if (isStoreUnavailableError(error)) {
      sendAdminError(res, 503, "store_unavailable", "The counter store is unavailable; usage cannot be read right now. Try again shortly.");
      return;
    }
    throw error;
  }
  sendJson(res, 200, { usage: rows, from: fromDay, to: toDay, keys });
}
