import { OBSERVABILITY_VERSION, type AggregateRow, type AggregatesResponse, type RequestsResponse } from "@/lib/contracts/observability";
import type { GatewayConfig } from "../config";
import type { Logger } from "../logger";
import { AggregateRecorder } from "./aggregates";
import { RequestObserver } from "./observer";
import { RequestBuffer, type RequestFilter } from "./request-buffer";
import { createOtlpTracer } from "./tracer";

export { RequestObserver } from "./observer";
export type { RequestFilter } from "./request-buffer";

/** How a node names itself to the console: its name, and an id fresh on every start of the process. */
export interface NodeIdentity {
  readonly name: string;
  readonly bootId: string;
}

export function createRequestObserver(config: GatewayConfig, node: NodeIdentity, logger: Logger): RequestObserver {
  const aggregates =
    config.aggregateMinutes > 0
      ? new AggregateRecorder({ minutes: config.aggregateMinutes, maxSeriesPerMinute: config.aggregateMaxSeries })
      : null;
  const requests =
    config.requestBufferErrors > 0 || config.requestBufferSuccesses > 0
      ? new RequestBuffer({
          errors: config.requestBufferErrors,
          successes: config.requestBufferSuccesses,
          successesPerSecond: config.requestSamplePerSecond,
        })
      : null;
  const tracer =
    config.otlpEndpoint !== undefined
      ? createOtlpTracer({ endpoint: config.otlpEndpoint, serviceName: config.otelServiceName, nodeName: node.name, logger })
      : null;
  return new RequestObserver(aggregates, requests, tracer);
}

/** One process's part of an aggregates answer (a cluster's primary adds its workers' parts). */
export type AggregatesPart = Pick<AggregatesResponse, "currentMinute" | "oldestMinute" | "rows">;
/** One process's part of a requests answer. */
export type RequestsPart = Pick<RequestsResponse, "sampling" | "items">;

export function aggregatesPart(observer: RequestObserver, since: number): AggregatesPart {
  const recorder = observer.aggregates;
  const now = Date.now();
  if (recorder === null) {
    const minute = Math.floor(now / 60_000) * 60_000;
    return { currentMinute: minute, oldestMinute: minute, rows: [] };
  }
  return { ...recorder.bounds(), rows: recorder.rows(since) };
}

export function requestsPart(observer: RequestObserver, filter: RequestFilter): RequestsPart {
  const buffer = observer.requests;
  if (buffer === null) return { sampling: { successRate: 0, errorsKept: 0, successesKept: 0 }, items: [] };
  return { sampling: buffer.sampling(), items: buffer.find(filter) };
}

function rowKey(row: AggregateRow): string {
  return JSON.stringify([row.minute, row.apiId, row.stage, row.route, row.statusClass, row.apiKeyId]);
}

function addHistograms(a: AggregateRow["latency"], b: AggregateRow["latency"]): AggregateRow["latency"] {
  const counts = new Map<number, number>();
  for (const [index, count] of a.buckets) counts.set(index, count);
  for (const [index, count] of b.buckets) counts.set(index, (counts.get(index) ?? 0) + count);
  return { buckets: [...counts.entries()].sort((x, y) => x[0] - y[0]), sumMs: a.sumMs + b.sumMs };
}

/**
 * Several processes' aggregates as one node's (cluster mode): rows of the
 * same minute and series are added, so the console sees one row per series
 * whichever worker served the requests.
 */
export function mergeAggregates(node: NodeIdentity, parts: readonly AggregatesPart[]): AggregatesResponse {
  const rows = new Map<string, AggregateRow>();
  let currentMinute = 0;
  let oldestMinute = 0;
  for (const part of parts) {
    currentMinute = Math.max(currentMinute, part.currentMinute);
    // The node holds a minute only if every process still does.
    oldestMinute = Math.max(oldestMinute, part.oldestMinute);
    for (const row of part.rows) {
      const key = rowKey(row);
      const seen = rows.get(key);
      if (seen === undefined) rows.set(key, row);
      else
        rows.set(key, {
          ...seen,
          count: seen.count + row.count,
          latency: addHistograms(seen.latency, row.latency),
          integrationLatency: addHistograms(seen.integrationLatency, row.integrationLatency),
        });
    }
  }
  return {
    version: OBSERVABILITY_VERSION,
    node: node.name,
    bootId: node.bootId,
    currentMinute,
    oldestMinute,
    rows: [...rows.values()].sort((a, b) => a.minute - b.minute),
  };
}

/** Several processes' recorded requests as one node's: newest first, cut at the limit. */
export function mergeRequests(node: NodeIdentity, parts: readonly RequestsPart[], limit: number): RequestsResponse {
  const items = parts.flatMap((part) => part.items).sort((a, b) => b.at - a.at);
  const rates = parts.map((part) => part.sampling.successRate);
  return {
    version: OBSERVABILITY_VERSION,
    node: node.name,
    sampling: {
      // The lowest rate: what the node can promise for every worker.
      successRate: rates.length > 0 ? Math.min(...rates) : 1,
      errorsKept: parts.reduce((sum, part) => sum + part.sampling.errorsKept, 0),
      successesKept: parts.reduce((sum, part) => sum + part.sampling.successesKept, 0),
    },
    items: items.length > limit ? items.slice(0, limit) : items,
  };
}
