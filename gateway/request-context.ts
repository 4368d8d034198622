import type { IncomingMessage, ServerResponse } from "node:http";
import type { CompiledDeployment, CompiledRoute, CompiledStage } from "./compile/types";
import type { KeyRecord, KeyStagePlan } from "./consumers";
import type { GatewayError } from "./errors";

let requestCounter = 0;
const requestIdPrefix = `${process.pid.toString(36)}${Date.now().toString(36)}-`;

/** Unique per process run without a random draw per request. */
function nextRequestId(): string {
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
  finished = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    now: number,
  ) {
    this.requestId = nextRequestId();
    this.startedAt = now;
  }
}

/**
 * Appends the headers every gateway response carries: request id, which
 * deployment answered, CORS for the calling origin, and RateLimit-* for
 * keyed requests.
 */
export function appendGatewayHeaders(ctx: RequestContext, headers: string[]): void {
  headers.push("x-request-id", ctx.requestId);
  const stage = ctx.stage;
  if (stage === null) return;
  const deployment = ctx.deployment;
  if (deployment !== null) {
    headers.push("x-portico-deployment", deployment.deploymentId);
    if (stage.canary !== null) headers.push("x-portico-canary", deployment.isCanary ? "true" : "false");
  }
  if (stage.cors !== null) stage.cors.appendResponseHeaders(ctx.req.headers.origin, headers);
  if (ctx.rateLimitLimit >= 0) {
    headers.push(
      "ratelimit-limit",
      String(ctx.rateLimitLimit),
      "ratelimit-remaining",
      String(ctx.rateLimitRemaining),
      "ratelimit-reset",
      String(ctx.rateLimitResetSeconds),
    );
  }
}

/** Answers with one of the gateway's own JSON errors. */
export function sendError(ctx: RequestContext, error: GatewayError): void {
  const res = ctx.res;
  if (ctx.errorCode === "") ctx.errorCode = error.code;
  // The client is gone (it closed while a store or the upstream was answering): nobody to tell.
  if (res.destroyed) return;
  if (res.headersSent) {
    // Part of another answer already left: the only honest signal left is a cut connection.
    res.destroy();
    return;
  }
  const headers: string[] = ["content-type", "application/json", "content-length", String(error.body.length)];
  for (let i = 0; i < error.headers.length; i++) headers.push(error.headers[i] as string);
  appendGatewayHeaders(ctx, headers);
  res.writeHead(error.status, headers);
  res.end(ctx.req.method === "HEAD" ? undefined : error.body);
}
