import "server-only";

import { env } from "@/lib/env";
import { prisma, type Db, type Tx } from "@/lib/server/db";

import { addSparseBuckets, type SparseBuckets } from "./sparse-histogram";

export const HOUR_MS = 3_600_000;
/** Minutes are kept as they were collected for this long, then summed into hours. */
export const ROLL_UP_AFTER_MS = 48 * HOUR_MS;
/** Hours rolled up per call, so one call never holds a transaction for long; the next call goes on. */
const HOURS_PER_CALL = 72;

export type RollUpResult = {
  skipped: boolean;
  hoursRolledUp: number;
  minuteRowsRolledUp: number;
  deleted: { minutes: number; hours: number; gaps: number };
};

type Row = {
  at: bigint;
  apiId: string;
  stage: string;
  route: string;
  statusClass: string;
  apiKeyId: string;
  count: number;
  latency: SparseBuckets;
  latencySumMs: number;
  integrationLatency: SparseBuckets;
  integrationLatencySumMs: number;
};

/** One hour's minute rows (every node and boot) added into its hourly rows, and deleted, in the caller's transaction. */
async function rollUpHour(tx: Tx, hour: number): Promise<number> {
  const minutes = await tx.$queryRaw<Row[]>`
    SELECT "minute" AS "at", "apiId", "stage", "route", "statusClass", "apiKeyId", "count", "latency", "latencySumMs",
      "integrationLatency", "integrationLatencySumMs"
    FROM "TrafficMinute" WHERE "minute" >= ${hour}::bigint AND "minute" < ${hour + HOUR_MS}::bigint FOR UPDATE`;
  if (minutes.length === 0) return 0;
  const existing = await tx.$queryRaw<Row[]>`
    SELECT "hour" AS "at", "apiId", "stage", "route", "statusClass", "apiKeyId", "count", "latency", "latencySumMs",
      "integrationLatency", "integrationLatencySumMs"
    FROM "TrafficHour" WHERE "hour" = ${hour}::bigint FOR UPDATE`;
  const merged = new Map<string, Row>();
  for (const row of [...existing, ...minutes]) {
    const key = JSON.stringify([row.apiId, row.stage, row.route, row.statusClass, row.apiKeyId]);
    const into = merged.get(key);
    if (into === undefined) {
      merged.set(key, { ...row, at: BigInt(hour) });
      continue;
    }
    into.count += row.count;
    into.latency = addSparseBuckets(into.latency, row.latency);
    into.latencySumMs += row.latencySumMs;
    into.integrationLatency = addSparseBuckets(into.integrationLatency, row.integrationLatency);
    into.integrationLatencySumMs += row.integrationLatencySumMs;
  }
  const rows = [...merged.values()].map((row) => ({ ...row, at: hour }));
  // Each hourly row now holds its old value plus the minutes, so it replaces the old one.
  await tx.$executeRaw`
    INSERT INTO "TrafficHour" ("hour", "apiId", "stage", "route", "statusClass", "apiKeyId", "count", "latency", "latencySumMs",
      "integrationLatency", "integrationLatencySumMs")
    SELECT r."at", r."apiId", r."stage", r."route", r."statusClass", r."apiKeyId", r."count", r."latency", r."latencySumMs",
      r."integrationLatency", r."integrationLatencySumMs"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("at" bigint, "apiId" text, "stage" text, "route" text,
      "statusClass" text, "apiKeyId" text, "count" integer, "latency" jsonb, "latencySumMs" double precision,
      "integrationLatency" jsonb, "integrationLatencySumMs" double precision)
    ON CONFLICT ("apiId", "stage", "hour", "route", "statusClass", "apiKeyId") DO UPDATE SET
      "count" = EXCLUDED."count",
      "latency" = EXCLUDED."latency",
      "latencySumMs" = EXCLUDED."latencySumMs",
      "integrationLatency" = EXCLUDED."integrationLatency",
      "integrationLatencySumMs" = EXCLUDED."integrationLatencySumMs"`;
  await tx.$executeRaw`DELETE FROM "TrafficMinute" WHERE "minute" >= ${hour}::bigint AND "minute" < ${hour + HOUR_MS}::bigint`;
  return minutes.length;
}

/** Only one console replica rolls up at a time; the others skip (the work is the same). */
async function tryRollUpLock(tx: Tx): Promise<boolean> {
  const [row] = await tx.$queryRaw<
    { locked: boolean }[]
  >`SELECT pg_try_advisory_xact_lock(hashtext('portico.traffic.roll-up')) AS "locked"`;
  return row?.locked === true;
}

/**
 * Sums minutes older than 48 hours into hours and deletes what is older
 * than the retention (METRICS_RETENTION_DAYS). Each hour moves in one
 * transaction (its minutes are deleted in the same one), so running it
 * again, or on another replica, or after a crash halfway, never counts a
 * minute twice.
 */
export async function rollUpTraffic(
  { now = Date.now(), retentionDays = env.METRICS_RETENTION_DAYS }: { now?: number; retentionDays?: number } = {},
  db: Db = prisma,
): Promise<RollUpResult> {
  const client = "$transaction" in db ? db : null;
  const inTx = <T>(work: (tx: Tx) => Promise<T>): Promise<T> => (client ? client.$transaction(work, { timeout: 60_000 }) : work(db));
  const horizon = Math.floor((now - ROLL_UP_AFTER_MS) / HOUR_MS) * HOUR_MS;
  const keepFrom = now - retentionDays * 24 * HOUR_MS;
  const result: RollUpResult = { skipped: false, hoursRolledUp: 0, minuteRowsRolledUp: 0, deleted: { minutes: 0, hours: 0, gaps: 0 } };

  const hours = await db.$queryRaw<{ hour: bigint }[]>`
    SELECT DISTINCT ("minute" / ${HOUR_MS}::bigint) * ${HOUR_MS}::bigint AS "hour" FROM "TrafficMinute"
    WHERE "minute" < ${horizon}::bigint ORDER BY 1 LIMIT ${HOURS_PER_CALL}`;
  for (const { hour } of hours) {
    const moved = await inTx(async (tx) => ((await tryRollUpLock(tx)) ? rollUpHour(tx, Number(hour)) : null));
    if (moved === null) return { ...result, skipped: true };
    if (moved > 0) result.hoursRolledUp += 1;
    result.minuteRowsRolledUp += moved;
  }

  const deleted = await inTx(async (tx) => {
    if (!(await tryRollUpLock(tx))) return null;
    return {
      minutes: await tx.$executeRaw`DELETE FROM "TrafficMinute" WHERE "minute" < ${keepFrom}::bigint`,
      hours: await tx.$executeRaw`DELETE FROM "TrafficHour" WHERE "hour" < ${keepFrom}::bigint`,
      gaps: await tx.$executeRaw`DELETE FROM "TrafficGap" WHERE "toMinute" < ${keepFrom}::bigint`,
    };
  });
  if (deleted === null) return { ...result, skipped: true };
  return { ...result, deleted };
}
