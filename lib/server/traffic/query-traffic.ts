import "server-only";

import { histogramQuantile } from "@/lib/contracts/observability";
import { env } from "@/lib/env";
import type { Metrics, MetricPoint, TopTraffic } from "@/lib/schemas/traffic";
import { Prisma, prisma, type Db } from "@/lib/server/db";

import { denseFromPairs } from "./sparse-histogram";
import { alignRange, resolveRange } from "./traffic-range";

// Reads the collected traffic: minute rows (the last 48 hours) and hour rows
// (older) of one stage, or of every stage of an API, summed in SQL. Latency
// percentiles come from the summed histograms, so a fleet's p99 is the p99
// of all its requests, never an average of the nodes' p99s.

type Scope = { apiId: string; stage?: string };

/** The rows of the scope in [from, to) as one relation ("at" = the row's minute or hour). */
function scopedRows({ apiId, stage }: Scope, from: number, to: number): Prisma.Sql {
  const stageFilter = stage === undefined ? Prisma.empty : Prisma.sql`AND "stage" = ${stage}`;
  return Prisma.sql`(
    SELECT "minute" AS "at", "route", "statusClass", "apiKeyId", "count", "latency", "integrationLatency"
    FROM "TrafficMinute" WHERE "apiId" = ${apiId} ${stageFilter} AND "minute" >= ${from}::bigint AND "minute" < ${to}::bigint
    UNION ALL
    SELECT "hour" AS "at", "route", "statusClass", "apiKeyId", "count", "latency", "integrationLatency"
    FROM "TrafficHour" WHERE "apiId" = ${apiId} ${stageFilter} AND "hour" >= ${from}::bigint AND "hour" < ${to}::bigint
  )`;
}

type CountRow = { group: string; count: number; status4xx: number; status5xx: number };
type BucketRow = { group: string; kind: "total" | "integration"; idx: number; n: number };

/** Counts and histogram buckets per group (a SQL expression over the rows), summed. */
async function sumByGroup(db: Db, rows: Prisma.Sql, group: Prisma.Sql): Promise<{ counts: CountRow[]; buckets: BucketRow[] }> {
  const [counts, buckets] = await Promise.all([
    db.$queryRaw<CountRow[]>`
      SELECT ${group} AS "group", sum("count")::float8 AS "count",
        coalesce(sum("count") FILTER (WHERE "statusClass" = '4xx'), 0)::float8 AS "status4xx",
        coalesce(sum("count") FILTER (WHERE "statusClass" = '5xx'), 0)::float8 AS "status5xx"
      FROM ${rows} AS t GROUP BY 1`,
    db.$queryRaw<BucketRow[]>`
      SELECT "group", "kind", "idx", sum("n")::float8 AS "n" FROM (
        SELECT ${group} AS "group", 'total' AS "kind", (e ->> 0)::int AS "idx", (e ->> 1)::bigint AS "n"
        FROM ${rows} AS t, jsonb_array_elements(t."latency") AS e
        UNION ALL
        SELECT ${group} AS "group", 'integration' AS "kind", (e ->> 0)::int AS "idx", (e ->> 1)::bigint AS "n"
        FROM ${rows} AS t, jsonb_array_elements(t."integrationLatency") AS e
      ) AS b GROUP BY 1, 2, 3`,
  ]);
  return { counts, buckets };
}

function densePerGroup(buckets: BucketRow[], kind: BucketRow["kind"]): Map<string, number[]> {
  const pairs = new Map<string, [number, number][]>();
  for (const row of buckets) {
    if (row.kind !== kind) continue;
    let list = pairs.get(row.group);
    if (list === undefined) pairs.set(row.group, (list = []));
    list.push([row.idx, row.n]);
  }
  return new Map([...pairs].map(([group, list]) => [group, denseFromPairs(list)]));
}

const quantile = (dense: number[] | undefined, q: number): number | null => {
  const value = dense === undefined ? null : histogramQuantile(dense, q);
  return value === null ? null : Math.round(value * 1000) / 1000;
};

async function listGaps(db: Db, from: number, to: number): Promise<Metrics["gaps"]> {
  const gaps = await db.trafficGap.findMany({
    where: { fromMinute: { lt: to }, toMinute: { gt: from } },
    orderBy: { fromMinute: "asc" },
    take: 100,
  });
  return gaps.map((gap) => ({
    node: gap.nodeName,
    from: new Date(Number(gap.fromMinute)).toISOString(),
    to: new Date(Number(gap.toMinute)).toISOString(),
    reason: gap.reason === "restart" ? "restart" : "ring",
  }));
}

/**
 * Requests, 4xx, 5xx and latency percentiles per step of a stage (or of a
 * whole API without `stage`). Requests that matched no route count too.
 */
export async function getTrafficMetrics(
  { apiId, stage, from, to, step, now = Date.now() }: Scope & { from?: number; to?: number; step: number; now?: number },
  db: Db = prisma,
): Promise<Metrics> {
  const range = alignRange(resolveRange({ from, to }, { now, retentionDays: env.METRICS_RETENTION_DAYS }), step);
  const stepMs = step * 1000;
  const rows = scopedRows({ apiId, stage }, range.from, range.to);
  const group = Prisma.sql`((t."at" / ${stepMs}::bigint) * ${stepMs}::bigint)::text`;
  const [{ counts, buckets }, gaps, whole] = await Promise.all([
    sumByGroup(db, rows, group),
    listGaps(db, range.from, range.to),
    sumByGroup(db, rows, Prisma.sql`'all'`),
  ]);
  const byAt = new Map(counts.map((row) => [Number(row.group), row]));
  const totalLatency = densePerGroup(buckets, "total");
  const integrationLatency = densePerGroup(buckets, "integration");
  const series: MetricPoint[] = [];
  for (let at = range.from; at < range.to; at += stepMs) {
    const key = String(at);
    const row = byAt.get(at);
    series.push({
      at: new Date(at).toISOString(),
      count: row?.count ?? 0,
      status4xx: row?.status4xx ?? 0,
      status5xx: row?.status5xx ?? 0,
      latencyP50Ms: quantile(totalLatency.get(key), 0.5),
      latencyP90Ms: quantile(totalLatency.get(key), 0.9),
      latencyP99Ms: quantile(totalLatency.get(key), 0.99),
      integrationLatencyP50Ms: quantile(integrationLatency.get(key), 0.5),
      integrationLatencyP90Ms: quantile(integrationLatency.get(key), 0.9),
      integrationLatencyP99Ms: quantile(integrationLatency.get(key), 0.99),
    });
  }
  const all = whole.counts[0];
  const allLatency = densePerGroup(whole.buckets, "total").get("all");
  return {
    step,
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    series,
    totals: {
      count: all?.count ?? 0,
      status4xx: all?.status4xx ?? 0,
      status5xx: all?.status5xx ?? 0,
      latencyP50Ms: quantile(allLatency, 0.5),
      latencyP99Ms: quantile(allLatency, 0.99),
    },
    gaps,
  };
}

/** The busiest routes or API keys of a stage (or an API) over a range, with their errors and latency. */
export async function getTopTraffic(
  {
    apiId,
    stage,
    from,
    to,
    by,
    limit,
    now = Date.now(),
  }: Scope & { from?: number; to?: number; by: "route" | "apiKey"; limit: number; now?: number },
  db: Db = prisma,
): Promise<TopTraffic> {
  const range = resolveRange({ from, to }, { now, retentionDays: env.METRICS_RETENTION_DAYS });
  const rows = scopedRows({ apiId, stage }, range.from, range.to);
  const group = by === "route" ? Prisma.sql`t."route"` : Prisma.sql`t."apiKeyId"`;
  const { counts, buckets } = await sumByGroup(db, rows, group);
  const top = counts.sort((a, b) => b.count - a.count || a.group.localeCompare(b.group)).slice(0, limit);
  const latency = densePerGroup(buckets, "total");
  const keyIds = by === "apiKey" ? top.map((row) => row.group).filter((id) => id !== "") : [];
  const keys = keyIds.length > 0 ? await db.apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(keys.map((key) => [key.id, key.name]));
  return {
    by,
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    items: top.map((row) => ({
      key: row.group === "" ? null : row.group,
      name: names.get(row.group) ?? null,
      count: row.count,
      status4xx: row.status4xx,
      status5xx: row.status5xx,
      latencyP50Ms: quantile(latency.get(row.group), 0.5),
      latencyP99Ms: quantile(latency.get(row.group), 0.99),
    })),
  };
}
