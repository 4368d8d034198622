import "server-only";

import { z } from "zod";

import { requestsResponseSchema, type RequestRecord } from "@/lib/contracts/observability";
import { env } from "@/lib/env";
import type { RecordedRequest, RecordedRequestPage, RequestsQuery } from "@/lib/schemas/traffic";
import { prisma, type Db } from "@/lib/server/db";
import { listPushTargets } from "@/lib/server/nodes/list-push-targets";
import { decodeCursor, encodeCursor } from "@/lib/server/pagination/cursor";

import { fetchNodeJson } from "./fetch-node-json";
import { resolveRange } from "./traffic-range";

export const REQUESTS_READ_TIMEOUT_MS = 3_000;
/**
 * Requests recorded in the same millisecond as a page's last one may sit on
 * either side of the cursor; each node is asked for this many more than a
 * page so that none of those is skipped.
 */
const SAME_MILLISECOND_SLACK = 50;

const requestCursorSchema = z.object({ at: z.coerce.number().int(), node: z.string(), requestId: z.string() });
type RequestCursor = z.infer<typeof requestCursorSchema>;

type Found = RequestRecord & { node: string };

/** Newest first; requests of the same millisecond by node name, then request id, so the order is total. */
function newerFirst(a: { at: number; node: string; requestId: string }, b: { at: number; node: string; requestId: string }): number {
  return (
    b.at - a.at || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0) || (a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0)
  );
}

function isAfterCursor(item: Found, cursor: RequestCursor | undefined): boolean {
  return cursor === undefined || newerFirst(cursor, item) < 0;
}

function toRecordedRequest(item: Found): RecordedRequest {
  return {
    requestId: item.requestId,
    at: new Date(item.at).toISOString(),
    node: item.node,
    method: item.method,
    path: item.path,
    route: item.route,
    status: item.status,
    latencyMs: item.latencyMs,
    integrationLatencyMs: item.integrationLatencyMs,
    apiKeyId: item.apiKeyId,
    reason: item.reason,
    steps: item.steps ?? null,
  };
}

/**
 * The recent requests of a stage, read now from every node's buffer and
 * merged newest first. Nodes keep every error and a sample of successes
 * under load (each node's `sampling` says how much); nodes that do not
 * answer are named, since their requests are missing from the page.
 */
export async function listRecentRequests(
  { apiId, stage, query, now = Date.now() }: { apiId: string; stage: string; query: RequestsQuery; now?: number },
  db: Db = prisma,
): Promise<RecordedRequestPage> {
  const retentionDays = env.METRICS_RETENTION_DAYS;
  // A request looked up by id may be older than the last hour: search everything the nodes still hold.
  const from = query.from ?? (query.requestId !== undefined ? now - retentionDays * 86_400_000 : undefined);
  const range = resolveRange({ from, to: query.to }, { now, retentionDays });
  const cursor = query.cursor === undefined ? undefined : decodeCursor(requestCursorSchema, query.cursor);
  const params = new URLSearchParams({
    apiId,
    stage,
    from: String(range.from),
    to: String(cursor ? Math.min(cursor.at, range.to) : range.to),
  });
  for (const name of ["status", "route", "method", "apiKeyId", "requestId"] as const) {
    const value = query[name];
    if (value !== undefined) params.set(name, value);
  }
  params.set("limit", String(query.limit + 1 + (cursor ? SAME_MILLISECOND_SLACK : 0)));

  const targets = await listPushTargets(db);
  const answers = await Promise.all(
    targets.map(async (node) => ({
      node,
      answer: await fetchNodeJson(node, `/v1/requests?${params}`, requestsResponseSchema, REQUESTS_READ_TIMEOUT_MS),
    })),
  );
  const found: Found[] = [];
  const sampling: RecordedRequestPage["sampling"] = [];
  const unanswered: RecordedRequestPage["unanswered"] = [];
  for (const { node, answer } of answers) {
    if (!answer.ok) {
      unanswered.push({ node: node.name, error: answer.error });
      continue;
    }
    sampling.push({ node: node.name, ...answer.body.sampling });
    // `to` is exclusive here, whatever the node's own reading of it.
    for (const item of answer.body.items) {
      if (item.apiId !== apiId || item.stage !== stage || item.at < range.from || item.at >= range.to) continue;
      const entry = { ...item, node: node.name };
      if (isAfterCursor(entry, cursor)) found.push(entry);
    }
  }
  found.sort(newerFirst);
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    found.length > query.limit && last ? encodeCursor({ at: String(last.at), node: last.node, requestId: last.requestId }) : null;
  return { items: page.map(toRecordedRequest), nextCursor, sampling, unanswered };
}
