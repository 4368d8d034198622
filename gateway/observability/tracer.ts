import type { Attributes, Context, Tracer } from "@opentelemetry/api";
import type { BasicTracerProvider, IdGenerator } from "@opentelemetry/sdk-trace-base";
import type { Logger } from "../logger";
import type { RequestContext } from "../pipeline";
import { newSpanId, newTraceId, traceContextOf } from "./trace-context";

/** Spans of finished requests, sent somewhere (OTLP). */
export interface RequestTracer {
  /** Resolves once the exporter is loaded; spans of requests that end before are not sent. */
  readonly ready: Promise<void>;
  requestEnded(ctx: RequestContext, status: number, totalMs: number): void;
  /** Sends what is queued and stops. */
  close(): Promise<void>;
}

export interface OtlpTracerOptions {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; spans go to `<endpoint>/v1/traces` (OTLP/HTTP, JSON). */
  endpoint: string;
  serviceName: string;
  nodeName: string;
  logger: Logger;
}

/**
 * Ids the SDK takes for the next span: the request span must carry the span
 * id the integration was already given as its parent (traceparent), so it is
 * handed in just before the span starts; every other span gets a random one.
 */
class PresetIds implements IdGenerator {
  traceId = "";
  spanId = "";

  generateTraceId(): string {
    const id = this.traceId;
    this.traceId = "";
    return id !== "" ? id : newTraceId();
  }

  generateSpanId(): string {
    const id = this.spanId;
    this.spanId = "";
    return id !== "" ? id : newSpanId();
  }
}

interface Loaded {
  tracer: Tracer;
  provider: BasicTracerProvider;
  remoteParent: (traceId: string, spanId: string, flags: string) => Context;
  root: Context;
  setSpan: (context: Context, span: ReturnType<Tracer["startSpan"]>) => Context;
  errorCode: number;
}

/** Epoch milliseconds of a performance.now() reading: what the SDK takes as a span time. */
function wallTime(perfMs: number): number {
  return performance.timeOrigin + perfMs;
}

/**
 * OTLP export with the OpenTelemetry SDK, loaded only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set: a span per request (the gateway's
 * span id, child of the caller's `traceparent`), with child spans for the
 * authorizer and the integration, made once the request has finished from
 * the timings it already carries, and sent in batches.
 */
export function createOtlpTracer(options: OtlpTracerOptions): RequestTracer {
  const ids = new PresetIds();
  let loaded: Loaded | null = null;

  const ready = (async () => {
    const [api, sdk, exporterModule, resources] = await Promise.all([
      import("@opentelemetry/api"),
      import("@opentelemetry/sdk-trace-base"),
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/resources"),
    ]);
    const exporter = new exporterModule.OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, "")}/v1/traces` });
    const provider = new sdk.BasicTracerProvider({
      resource: resources.resourceFromAttributes({ "service.name": options.serviceName, "service.instance.id": options.nodeName }),
      idGenerator: ids,
      spanProcessors: [new sdk.BatchSpanProcessor(exporter, { scheduledDelayMillis: 1_000 })],
    });
    loaded = {
      tracer: provider.getTracer("portico-gateway"),
      provider,
      root: api.ROOT_CONTEXT,
      remoteParent: (traceId, spanId, flags) =>
        api.trace.setSpanContext(api.ROOT_CONTEXT, { traceId, spanId, traceFlags: Number.parseInt(flags, 16) & 1, isRemote: true }),
      setSpan: (context, span) => api.trace.setSpan(context, span),
      errorCode: api.SpanStatusCode.ERROR,
    };
  })().catch((error: unknown) => {
    options.logger.error("The OTLP exporter could not be loaded; no spans are exported.", { error: String(error) });
  });

  return {
    ready,
    requestEnded(ctx, status, totalMs) {
      const sdk = loaded;
      if (sdk === null) return;
      const trace = traceContextOf(ctx);
      const parent = trace.parentSpanId !== "" ? sdk.remoteParent(trace.traceId, trace.parentSpanId, trace.flags) : sdk.root;
      const stage = ctx.stage;
      const attributes: Attributes = {
        "http.request.method": ctx.req.method ?? "GET",
        "url.path": ctx.path,
        "http.response.status_code": status,
        "portico.request_id": ctx.requestId,
      };
      if (stage !== null) {
        attributes["portico.api"] = stage.apiId;
        attributes["portico.stage"] = stage.stage;
      }
      if (ctx.route !== null) attributes["http.route"] = ctx.route.path;
      if (ctx.key !== null) attributes["portico.api_key_id"] = ctx.key.id;
      if (ctx.denialReason !== "") attributes["portico.denial_reason"] = ctx.denialReason;
      ids.traceId = trace.traceId;
      ids.spanId = trace.spanId;
      const name = ctx.route !== null ? `${ctx.req.method ?? "GET"} ${ctx.route.path}` : (ctx.req.method ?? "GET");
      const span = sdk.tracer.startSpan(name, { kind: 1 /* SERVER */, startTime: wallTime(ctx.startedAt), attributes }, parent);
      ids.traceId = "";
      ids.spanId = "";
      if (status >= 500) span.setStatus({ code: sdk.errorCode, message: ctx.errorCode !== "" ? ctx.errorCode : undefined });
      const inside = sdk.setSpan(parent, span);
      if (ctx.authorizerMs >= 0) {
        const child = sdk.tracer.startSpan("authorizer", { startTime: wallTime(ctx.authorizerStartedAt) }, inside);
        if (ctx.denialReason.startsWith("authorizer.") || ctx.denialReason.startsWith("jwt.")) {
          child.setAttribute("portico.denial_reason", ctx.denialReason);
        }
        child.end(wallTime(ctx.authorizerStartedAt + ctx.authorizerMs));
      }
      if (ctx.upstreamMs >= 0 && ctx.route !== null) {
        const child = sdk.tracer.startSpan(
          "integration",
          {
            kind: 2 /* CLIENT */,
            startTime: wallTime(ctx.upstreamStartedAt),
            attributes: { "portico.integration": ctx.route.integration.type },
          },
          inside,
        );
        child.end(wallTime(ctx.upstreamStartedAt + ctx.upstreamMs));
      }
      span.end(wallTime(ctx.startedAt + totalMs));
    },
    async close() {
      await ready;
      if (loaded !== null) await loaded.provider.shutdown();
    },
  };
}
