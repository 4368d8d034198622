import type { RequestRecord } from "@/lib/contracts/observability";
import type { RouteMetrics } from "../metrics";
import type { RequestContext } from "../pipeline";
import type { AggregateRecorder } from "./aggregates";
import type { RequestBuffer } from "./request-buffer";
import type { RequestTracer } from "./tracer";

/** Paths longer than this are cut in the request explorer. */
const MAX_RECORDED_PATH = 2048;

function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** A finished request as the explorer shows it. Never a key, a token or a body. */
export function recordOf(ctx: RequestContext, status: number, totalMs: number, now: number): RequestRecord {
  const stage = ctx.stage;
  const steps: NonNullable<RequestRecord["steps"]> = [];
  let own = totalMs;
  if (ctx.authorizerMs >= 0) {
    steps.push({ name: "authorizer", ms: roundMs(ctx.authorizerMs) });
    own -= ctx.authorizerMs;
  }
  if (ctx.upstreamMs >= 0) {
    steps.push({ name: "integration", ms: roundMs(ctx.upstreamMs), detail: ctx.route !== null ? ctx.route.integration.type : undefined });
    own -= ctx.upstreamMs;
  }
  steps.push({ name: "gateway", ms: roundMs(Math.max(0, own)) });
  const reason = ctx.denialReason !== "" ? ctx.denialReason : ctx.errorCode !== "" ? ctx.errorCode : null;
  return {
    requestId: ctx.requestId,
    at: Math.round(now - totalMs),
    apiId: stage !== null ? stage.apiId : "",
    stage: stage !== null ? stage.stage : "",
    method: ctx.req.method ?? "GET",
    path: ctx.path.length > MAX_RECORDED_PATH ? ctx.path.slice(0, MAX_RECORDED_PATH) : ctx.path,
    route: ctx.route !== null ? ctx.route.key : null,
    status,
    latencyMs: roundMs(totalMs),
    integrationLatencyMs: ctx.upstreamMs >= 0 ? roundMs(ctx.upstreamMs) : null,
    apiKeyId: ctx.key !== null ? ctx.key.id : null,
    reason,
    steps,
  };
}

/**
 * What the node learns from each finished request besides /metrics and the
 * access log: the per-minute aggregates, the request explorer's buffer and
 * (with OTLP export on) the request's spans. Each part is null when off.
 */
export class RequestObserver {
  constructor(
    readonly aggregates: AggregateRecorder | null,
    readonly requests: RequestBuffer | null,
    readonly tracer: RequestTracer | null,
  ) {}

  /**
   * Hot path: one call per finished request. Requests that reached no
   * known stage, and test invocations, are in /metrics only.
   */
  requestEnded(ctx: RequestContext, metrics: RouteMetrics, status: number, totalMs: number): void {
    const stage = ctx.stage;
    if (this.tracer !== null) this.tracer.requestEnded(ctx, status, totalMs);
    if (stage === null || stage.trace !== null) return;
    const aggregates = this.aggregates;
    if (aggregates !== null) {
      let table = metrics.aggregates;
      if (table === null) {
        table = aggregates.table(stage.apiId, stage.stage, ctx.route !== null ? ctx.route.key : null);
        metrics.aggregates = table;
      }
      aggregates.record(table, status, ctx.key !== null ? ctx.key.id : null, totalMs, ctx.upstreamMs);
    }
    const requests = this.requests;
    if (requests !== null) {
      const now = Date.now();
      if (requests.wants(status, now)) requests.add(recordOf(ctx, status, totalMs, now));
    }
  }
}
