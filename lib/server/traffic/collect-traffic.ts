import "server-only";

import { aggregatesResponseSchema, MINUTE_MS, type AggregateRow, type AggregatesResponse } from "@/lib/contracts/observability";
import type { PushTarget } from "@/lib/deploy/push";
import { prisma, type Db, type Tx } from "@/lib/server/db";
import { listPushTargets } from "@/lib/server/nodes/list-push-targets";

import { fetchNodeJson } from "./fetch-node-json";
import { ROLL_UP_AFTER_MS } from "./roll-up-traffic";
import { addSparseBuckets } from "./sparse-histogram";

export const AGGREGATES_READ_TIMEOUT_MS = 3_000;
/** A node's lease is held for its read and write; a node that takes longer is given up for this round. */
const COLLECT_TRANSACTION_MS = 20_000;

export type NodeCollection =
  | { nodeId: string; name: string; status: "collected"; rows: number; ms: number }
  | { nodeId: string; name: string; status: "busy" }
  | { nodeId: string; name: string; status: "failed"; error: string; ms: number };

type StoredRow = {
  minute: number;
  apiId: string;
  stage: string;
  route: string;
  statusClass: string;
  apiKeyId: string;
  count: number;
  latency: AggregateRow["latency"]["buckets"];
  latencySumMs: number;
  integrationLatency: AggregateRow["integrationLatency"]["buckets"];
  integrationLatencySumMs: number;
};

/**
 * The rows as the database keys them: "" for a missing route or key, text
 * cut to the columns' sizes, and rows repeating a key merged (so one
 * INSERT ... ON CONFLICT never meets the same key twice).
 */
export function storedRows(rows: AggregateRow[], notBefore: number): StoredRow[] {
  const byKey = new Map<string, StoredRow>();
  for (const row of rows) {
    if (row.minute < notBefore || row.minute % MINUTE_MS !== 0) continue;
    const stored: StoredRow = {
      minute: row.minute,
      apiId: row.apiId.slice(0, 32),
      stage: row.stage.slice(0, 128),
      route: (row.route ?? "").slice(0, 1024),
      statusClass: row.statusClass,
      apiKeyId: (row.apiKeyId ?? "").slice(0, 64),
      count: row.count,
      latency: row.latency.buckets,
      latencySumMs: row.latency.sumMs,
      integrationLatency: row.integrationLatency.buckets,
      integrationLatencySumMs: row.integrationLatency.sumMs,
    };
    const key = JSON.stringify([stored.minute, stored.apiId, stored.stage, stored.route, stored.statusClass, stored.apiKeyId]);
    const existing = byKey.get(key);
    if (existing === undefined) {
      byKey.set(key, stored);
      continue;
    }
    existing.count += stored.count;
    existing.latency = addSparseBuckets(existing.latency, stored.latency);
    existing.latencySumMs += stored.latencySumMs;
    existing.integrationLatency = addSparseBuckets(existing.integrationLatency, stored.integrationLatency);
    existing.integrationLatencySumMs += stored.integrationLatencySumMs;
  }
  return [...byKey.values()];
}

/** Replaces the node's rows for the minutes read: reading a minute again never adds to it. */
async function upsertMinutes(tx: Tx, nodeId: string, bootId: string, rows: StoredRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "TrafficMinute" ("nodeId", "bootId", "minute", "apiId", "stage", "route", "statusClass", "apiKeyId",
      "count", "latency", "latencySumMs", "integrationLatency", "integrationLatencySumMs")
    SELECT ${nodeId}, ${bootId}, r."minute", r."apiId", r."stage", r."route", r."statusClass", r."apiKeyId",
      r."count", r."latency", r."latencySumMs", r."integrationLatency", r."integrationLatencySumMs"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("minute" bigint, "apiId" text, "stage" text, "route" text,
      "statusClass" text, "apiKeyId" text, "count" integer, "latency" jsonb, "latencySumMs" double precision,
      "integrationLatency" jsonb, "integrationLatencySumMs" double precision)
    ON CONFLICT ("nodeId", "bootId", "minute", "apiId", "stage", "route", "statusClass", "apiKeyId") DO UPDATE SET
      "count" = EXCLUDED."count",
      "latency" = EXCLUDED."latency",
      "latencySumMs" = EXCLUDED."latencySumMs",
      "integrationLatency" = EXCLUDED."integrationLatency",
      "integrationLatencySumMs" = EXCLUDED."integrationLatencySumMs"`;
}

type CollectorState = { bootId: string | null; since: bigint | null };

/**
 * The minutes a node served that this read cannot bring back: those after
 * the last read of a previous boot (the node restarted before they were
 * read), or those older than the node's ring (the console was away longer
 * than the node keeps minutes).
 */
export function lostMinutes(
  state: CollectorState,
  answer: AggregatesResponse,
): { from: number; to: number; reason: "restart" | "ring" } | null {
  if (state.since === null) return null;
  const since = Number(state.since);
  if (state.bootId !== null && state.bootId !== answer.bootId) {
    // The minute `since` was partial when read; whatever the old boot served after it is gone.
    return { from: since, to: Math.max(since + MINUTE_MS, answer.oldestMinute), reason: "restart" };
  }
  if (since < answer.oldestMinute) return { from: since, to: answer.oldestMinute, reason: "ring" };
  return null;
}

/**
 * Collects one node under a lease (its collector row, locked with SKIP
 * LOCKED): another console replica collecting the same node at the same
 * time skips it instead of writing older counts over newer ones.
 */
export async function collectNode(node: PushTarget, { now = Date.now() }: { now?: number } = {}, db: Db = prisma): Promise<NodeCollection> {
  await db.$executeRaw`INSERT INTO "TrafficCollector" ("nodeId") VALUES (${node.nodeId}) ON CONFLICT ("nodeId") DO NOTHING`;
  const work = async (tx: Tx): Promise<NodeCollection> => {
    const locked = await tx.$queryRaw<CollectorState[]>`
      SELECT "bootId", "since" FROM "TrafficCollector" WHERE "nodeId" = ${node.nodeId} FOR UPDATE SKIP LOCKED`;
    const state = locked[0];
    if (state === undefined) return { nodeId: node.nodeId, name: node.name, status: "busy" };
    const since = state.since === null ? 0 : Number(state.since);
    const answer = await fetchNodeJson(node, `/v1/aggregates?since=${since}`, aggregatesResponseSchema, AGGREGATES_READ_TIMEOUT_MS);
    if (!answer.ok) {
      await tx.trafficCollector.update({ where: { nodeId: node.nodeId }, data: { lastError: answer.error.slice(0, 2048) } });
      return { nodeId: node.nodeId, name: node.name, status: "failed", error: answer.error, ms: answer.ms };
    }
    const body = answer.body;
    const lost = lostMinutes(state, body);
    if (lost !== null) {
      await tx.trafficGap.create({
        data: { nodeId: node.nodeId, nodeName: node.name, fromMinute: lost.from, toMinute: lost.to, reason: lost.reason },
      });
    }
    // Minutes past the roll-up horizon may already be in the hourly table: adding them again would count them twice.
    const rows = storedRows(body.rows, now - ROLL_UP_AFTER_MS);
    await upsertMinutes(tx, node.nodeId, body.bootId, rows);
    await tx.trafficCollector.update({
      where: { nodeId: node.nodeId },
      data: { bootId: body.bootId, since: BigInt(body.currentMinute), lastReadAt: new Date(now), lastError: null },
    });
    return { nodeId: node.nodeId, name: node.name, status: "collected", rows: rows.length, ms: answer.ms };
  };
  if ("$transaction" in db) return db.$transaction(work, { timeout: COLLECT_TRANSACTION_MS, maxWait: 5_000 });
  return work(db);
}

/** Reads every node's aggregates once, side by side; a node that fails is retried on the next round from where it was. */
export async function collectTraffic({ now }: { now?: number } = {}, db: Db = prisma): Promise<NodeCollection[]> {
  const targets = await listPushTargets(db);
  return Promise.all(targets.map((target) => collectNode(target, { now }, db)));
}
