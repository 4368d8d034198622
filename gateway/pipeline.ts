import type { IncomingMessage, ServerResponse } from "node:http";
import type { Route, Snapshot } from "@/lib/contracts";
import type { Router } from "./compile/router";
import type { KeyRecord, KeyStagePlan } from "./consumers";
import type { CorsPolicy } from "./cors";
import type { GatewayError } from "./errors";
import type { RouteMetrics } from "./metrics";

// What a request travels through: the compiled stage, deployment and route,
// the plugin steps, and the per-request context. The compiler, the plugins,
// the proxy and the live state all depend on these, and they on each other,
// so they live together here and import nothing from those modules: no
// import cycle runs through the gateway.

/** undefined: go on with the next step. A GatewayError: answer with it and stop. */
export type StepResult = GatewayError | undefined;

/** The per-request function a plugin's factory returns. May answer synchronously or later. */
export type RequestStep = (ctx: RequestContext) => StepResult | Promise<StepResult>;

/** An integration compiled for one route: it answers the request, one way or another. */
export interface CompiledIntegration {
  readonly type: "http_proxy" | "http" | "mock" | "aws" | "aws_proxy";
  /** The upstream origin it sends to; null when it answers by itself. */
  readonly origin: string | null;
  invoke(ctx: RequestContext): void;
}

/** One route with everything a request needs resolved ahead of time. */
export interface CompiledRoute {
  readonly id: string;
  /** The route as the snapshot defines it. */
  readonly definition: Route;
  readonly method: Route["method"];
  readonly path: string;
  /** The route as people read it, `GET /pets/{id}`: what metrics, aggregates, recorded requests and access logs call it. */
  readonly key: string;
  /** The plugin chain in order, or null when the route needs none. */
  readonly steps: readonly RequestStep[] | null;
  readonly integration: CompiledIntegration;
  /** `{proxy+}` must match at least one character, as in API Gateway. */
  readonly greedyParam: string | null;
  readonly metrics: RouteMetrics;
}

/** The router of one deployment (the stage's main one or its canary). */
export interface CompiledDeployment {
  readonly deploymentId: string;
  readonly isCanary: boolean;
  readonly router: Router<CompiledRoute>;
  readonly routes: readonly CompiledRoute[];
  /** Upstream origins this deployment sends to (to close pools nobody uses any more). */
  readonly origins: ReadonlySet<string>;
  /** What the routes were compiled against (stage, variables, throttle): routes are reused only under the same one. */
  readonly contextKey: string;
  /** Each route by id, so the next snapshot can take over the ones whose definition is unchanged. */
  readonly routesById: ReadonlyMap<string, CompiledRoute>;
}

export interface CompiledStage {
  readonly apiId: string;
  readonly stage: string;
  readonly hash: string;
  readonly snapshot: Snapshot;
  readonly primary: CompiledDeployment;
  readonly canary: CompiledDeployment | null;
  readonly canaryPercent: number;
  readonly cors: CorsPolicy | null;
  /** The API's customised gateway responses; null when it customises none. */
  readonly gatewayResponses: GatewayResponsesRenderer | null;
  /** Metrics for requests that matched no route of this stage. */
  readonly unmatchedMetrics: RouteMetrics;
  /** Set only on a stage compiled for a test invocation: integrations record what they send and receive. */
  readonly trace: IntegrationTrace | null;
  /** The stage's access-log format; null: the node's default JSON line. */
  readonly accessLog: AccessLogFormat | null;
}

/** A compiled `accessLogSettings.format` (access-log-format.ts). */
export interface AccessLogFormat {
  readonly destination: "stdout" | "file" | undefined;
  render(line: { ctx: RequestContext; status: number; totalMs: number; now: number }): string;
}

/** What a test invocation shows: each exchange of the integration, in order. */
export interface IntegrationTrace {
  record(step: string, detail: Record<string, unknown>): void;
}

/** The trace of a test invocation's request; null for every other request. */
export function traceOf(ctx: RequestContext): IntegrationTrace | null {
  return ctx.stage !== null ? ctx.stage.trace : null;
}

const TRACED_BODY_CHARS = 64 * 1024;

/** A payload as a trace shows it: text, cut at 64 KB. */
export function tracedBody(body: Buffer | string): string {
  const text = typeof body === "string" ? body : body.toString("utf8");
  return text.length > TRACED_BODY_CHARS ? `${text.slice(0, TRACED_BODY_CHARS)}… (${text.length} characters in all)` : text;
}

/** Renders an API's customised gateway response for an error (gateway/responses), or null for the gateway's own. */
export interface GatewayResponsesRenderer {
  render(ctx: RequestContext, error: GatewayError): { status: number; headers: string[]; body: Buffer } | null;
}

/** `$context.authorizer`: the entries a Lambda authorizer returned, or a JWT's `claims`. */
export interface AuthorizerContext {
  readonly principalId?: string;
  readonly claims?: Readonly<Record<string, unknown>>;
  readonly scopes?: readonly string[];
  readonly [entry: string]: unknown;
}

/** The request's W3C trace: the caller's trace id (or a new one) and the gateway's own span. */
export interface TraceContext {
  readonly traceId: string;
  /** The gateway's span for this request: the parent of what the integration does. */
  readonly spanId: string;
  /** The caller's span, "" when the gateway started the trace. */
  readonly parentSpanId: string;
  /** Two hex digits; "01" when sampled. */
  readonly flags: string;
}

let requestCounter = 0;
const requestIdPrefix = `${process.pid.toString(36)}${Date.now().toString(36)}-`;

/** Unique per process run without a random draw per request. */
export function nextRequestId(): string {
  requestCounter = (requestCounter + 1) | 0;
  return requestIdPrefix + (requestCounter >>> 0).toString(36);
}

/**
 * Everything one request carries through the plugin chain and the
 * integration. One instance per request with a fixed shape: every field is
 * assigned in the constructor so V8 keeps a single hidden class.
 */
export class RequestContext {
  readonly requestId: string;
  readonly startedAt: number;
  stage: CompiledStage | null = null;
  deployment: CompiledDeployment | null = null;
  route: CompiledRoute | null = null;
  params: Record<string, string> | null = null;
  /** Path after `/<apiId>/<stage>`, without the query string. */
  path = "/";
  /** Raw query string without `?` ("" when none). */
  query = "";
  key: KeyRecord | null = null;
  plan: KeyStagePlan | null = null;
  /** RateLimit-* values for keyed responses; limit < 0 means none. */
  rateLimitLimit = -1;
  rateLimitRemaining = 0;
  rateLimitResetSeconds = 0;
  /** Request body read ahead of the integration (validation), else null and the body is streamed. */
  body: Buffer | null = null;
  /** The upstream exchange in progress, aborted if the client goes away. */
  upstream: { abort(): void } | null = null;
  upstreamStartedAt = 0;
  upstreamMs = -1;
  /** Why the gateway answered by itself, for logs (e.g. "throttled"); "" when the integration answered. */
  errorCode = "";
  /** Why the request was refused (`jwt.expired`, `key.missing`, ...), for logs; "" when it was not. */
  denialReason = "";
  /**
   * What the route's authorizer established, as mapping templates read it
   * (`$context.authorizer.*`): `claims` and `scopes` for JWT authorizers,
   * `principalId` and the returned `context` entries for Lambda authorizers.
   */
  authorizer: AuthorizerContext | null = null;
  /** The API key a Lambda authorizer returned (`usageIdentifierKey`), for APIs whose key source is AUTHORIZER. */
  authorizerApiKey: string | null = null;
  finished = false;
  /** When the route's authorizer started (performance.now()) and how long it took; -1 when none ran. */
  authorizerStartedAt = 0;
  authorizerMs = -1;
  /** The gateway error this request was answered with, if any (for `$context.error.*`). */
  error: GatewayError | null = null;
  /** The client's address, read at the start for stages with an access-log format (the socket is detached by the time the line is written). */
  remoteAddress = "";
  /** W3C trace context, made on first use (gateway/observability/trace-context.ts). */
  trace: TraceContext | null = null;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    now: number,
  ) {
    this.requestId = nextRequestId();
    this.startedAt = now;
  }
}
