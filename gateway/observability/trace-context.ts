import { randomFillSync } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { RequestContext, TraceContext } from "../pipeline";

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): a request's
 * `traceparent` is accepted when well formed, and the gateway's own span
 * becomes the parent of what the integration does; without one (or with a
 * malformed one) the gateway starts a trace. Made only when something needs
 * it (an HTTP integration, the OTLP exporter, an access-log variable).
 */

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);

/** The trace id, parent span id and flags of a valid `traceparent`; null otherwise. */
export function parseTraceparent(header: string | string[] | undefined): { traceId: string; parentSpanId: string; flags: string } | null {
  if (typeof header !== "string") return null;
  const match = TRACEPARENT.exec(header.trim());
  if (match === null) return null;
  const [, version, traceId, parentSpanId, flags] = match;
  // Version ff is invalid; version 00 has exactly four fields.
  if (version === "ff" || (version === "00" && header.trim().length !== 55)) return null;
  if (traceId === ZERO_TRACE || parentSpanId === ZERO_SPAN) return null;
  return { traceId, parentSpanId, flags };
}

/** Random ids from a pooled buffer: one system call per 256 spans rather than one per id. */
const POOL = Buffer.alloc(4096);
let poolOffset = POOL.length;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  const hex = POOL.toString("hex", poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}

export function newSpanId(): string {
  let id = randomHex(8);
  while (id === ZERO_SPAN) id = randomHex(8);
  return id;
}

export function newTraceId(): string {
  let id = randomHex(16);
  while (id === ZERO_TRACE) id = randomHex(16);
  return id;
}

/** The request's trace context, made on first use from its `traceparent` (or a new trace). */
export function traceContextOf(ctx: RequestContext): TraceContext {
  if (ctx.trace !== null) return ctx.trace;
  const incoming = parseTraceparent(ctx.req.headers.traceparent);
  const trace: TraceContext =
    incoming !== null
      ? { traceId: incoming.traceId, spanId: newSpanId(), parentSpanId: incoming.parentSpanId, flags: incoming.flags }
      : { traceId: newTraceId(), spanId: newSpanId(), parentSpanId: "", flags: "01" };
  ctx.trace = trace;
  return trace;
}

/** The `traceparent` the integration gets: the request's trace, the gateway's span as parent. */
export function traceparentOf(trace: TraceContext): string {
  return `00-${trace.traceId}-${trace.spanId}-${trace.flags}`;
}

/** The trace id in X-Ray's form (`1-<8 hex epoch>-<24 hex>`), which maps one to one onto a W3C trace id. */
export function xrayTraceIdOf(trace: TraceContext): string {
  return `1-${trace.traceId.slice(0, 8)}-${trace.traceId.slice(8)}`;
}

/** `x-amzn-trace-id` for the integration: the client's kept as it is, else one naming the request's trace. */
export function amznTraceIdOf(req: IncomingMessage, trace: TraceContext): string {
  const given = req.headers["x-amzn-trace-id"];
  if (typeof given === "string" && given !== "") return given;
  return `Root=${xrayTraceIdOf(trace)};Parent=${trace.spanId};Sampled=${trace.flags === "01" ? 1 : 0}`;
}

/**
 * Hot path: appends `traceparent` and `x-amzn-trace-id` to an upstream
 * request's headers (the client's own `traceparent` and `x-amzn-trace-id`
 * are not forwarded as they are: these replace them).
 */
export function appendTraceHeaders(ctx: RequestContext, headers: string[]): void {
  const trace = traceContextOf(ctx);
  headers.push("traceparent", traceparentOf(trace), "x-amzn-trace-id", amznTraceIdOf(ctx.req, trace));
}
