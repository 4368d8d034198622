import type { IncomingMessage, ServerResponse } from "node:http";
import { HTTP_METHODS } from "@/lib/contracts";
import type { AccessLog } from "./access-log";
import { declaredLength } from "./body";
import { RequestContext, type CompiledDeployment, type CompiledStage } from "./pipeline";
import { errors, methodNotAllowed } from "./errors";
import type { LiveState } from "./live-state";
import { errorFields, type Logger } from "./logger";
import type { GatewayMetrics, RouteMetrics } from "./metrics";
import type { RequestObserver } from "./observability/observer";
import type { RequestStep } from "./plugins";
import { sendError } from "./respond";

export interface ProxyDeps {
  state: LiveState;
  metrics: GatewayMetrics;
  accessLog: AccessLog;
  observer: RequestObserver;
  logger: Logger;
  maxBodyBytes: number;
  /** Metrics for requests that reached no known stage. */
  unknownStageMetrics: RouteMetrics;
}

/** FNV-1a: a cheap, stable spread of API keys over 0..9999 for sticky canary assignment. */
function keyBucket(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 10_000;
}

/** Canary traffic split: sticky per API key when one is sent, else random per request. */
function pickDeployment(stage: CompiledStage, req: IncomingMessage): CompiledDeployment {
  const canary = stage.canary;
  if (canary === null || stage.canaryPercent <= 0) return stage.primary;
  const key = req.headers["x-api-key"];
  const draw = typeof key === "string" && key.length > 0 ? keyBucket(key) / 100 : Math.random() * 100;
  return draw < stage.canaryPercent ? canary : stage.primary;
}

const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/**
 * `/files/../admin` must not reach an upstream that would normalise it into
 * a path the route never exposed. Cheap checks first: almost no path holds
 * "/." or "%2e".
 */
function hasDotSegment(path: string): boolean {
  if (!path.includes("/.") && !path.includes("%2e") && !path.includes("%2E")) return false;
  return DOT_SEGMENT.test(path);
}

/** A `.` or `..` segment once decoded, with `/` or `\` as separators (some servers split on either). */
const DECODED_DOT_SEGMENT = /(?:^|[/\\])\.{1,2}(?:[/\\]|$)/;

/**
 * Path parameters arrive percent-decoded (`..%2f..%2fadmin` becomes
 * `../../admin`), and a greedy one is sent upstream with its slashes: a
 * decoded dot segment in any of them could climb out of the integration's
 * own prefix. What was encoded twice (`%252e`) decodes to `%2e`, which is
 * no dot segment and is sent on encoded again.
 */
function paramsHaveDotSegment(params: Record<string, string>): boolean {
  for (const name in params) {
    const value = params[name];
    if (value.includes(".") && DECODED_DOT_SEGMENT.test(value)) return true;
  }
  return false;
}

/**
 * Two Host headers make the request ambiguous: node:http keeps the first,
 * and a cache, a log or an upstream behind the gateway may read the other
 * (request smuggling and cache poisoning start this way). RFC 9112 §3.2
 * says to answer 400.
 */
function hasDuplicateHost(raw: readonly string[]): boolean {
  let seen = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name.length !== 4 || name.toLowerCase() !== "host") continue;
    if (seen) return true;
    seen = true;
  }
  return false;
}

function allowedMethods(deployment: CompiledDeployment, path: string): string[] {
  const allowed: string[] = [];
  for (const method of HTTP_METHODS) {
    if (deployment.router.find(method, path) !== null) allowed.push(method);
  }
  return allowed;
}

const CONTEXT = Symbol("portico.requestContext");
type ResponseWithContext = ServerResponse & { [CONTEXT]?: RequestContext };

export interface ProxyHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Requests received and not yet finished or abandoned. */
  readonly inFlight: () => number;
  /** Resolves when no request is in flight. */
  readonly idle: () => Promise<void>;
  /** From now on every response asks the client to close its connection. */
  readonly startDraining: () => void;
}

/**
 * The proxy's request handler.
 *
 * Hot path: everything in this file runs per request. Work here is lookups
 * in structures compiled ahead of time; no config is parsed, no validator
 * compiled, no route tree built.
 */
export function createProxyHandler(deps: ProxyDeps): ProxyHandler {
  const { state, accessLog, logger, maxBodyBytes, metrics } = deps;
  let inFlight = 0;
  let draining = false;
  let idleWaiters: (() => void)[] = [];

  function internalError(ctx: RequestContext, error: unknown): void {
    logger.error("Request failed inside the gateway.", { requestId: ctx.requestId, ...errorFields(error) });
    sendError(ctx, errors.internal);
  }

  function runSteps(ctx: RequestContext, steps: readonly RequestStep[], start: number): void {
    for (let i = start; i < steps.length; i++) {
      const result = steps[i](ctx);
      if (result === undefined) continue;
      if (result instanceof Promise) {
        result.then(
          (settled) => {
            if (ctx.res.destroyed) return;
            if (settled === undefined) runSteps(ctx, steps, i + 1);
            else sendError(ctx, settled);
          },
          (error: unknown) => internalError(ctx, error),
        );
        return;
      }
      sendError(ctx, result);
      return;
    }
    try {
      (ctx.route as NonNullable<RequestContext["route"]>).integration.invoke(ctx);
    } catch (error) {
      internalError(ctx, error);
    }
  }

  function onClose(ctx: RequestContext): void {
    const res = ctx.res;
    let status = res.statusCode;
    if (!res.writableFinished) {
      // The client left before the answer was complete: stop the upstream too,
      // or it would keep a pooled connection busy for nobody.
      if (ctx.upstream !== null) ctx.upstream.abort();
      if (ctx.errorCode === "") ctx.errorCode = "client_closed";
      if (!res.headersSent) status = 499;
    }
    const totalMs = performance.now() - ctx.startedAt;
    const routeMetrics =
      ctx.route !== null ? ctx.route.metrics : ctx.stage !== null ? ctx.stage.unmatchedMetrics : deps.unknownStageMetrics;
    routeMetrics.countStatus(status);
    routeMetrics.duration.observe(totalMs / 1000);
    if (ctx.upstreamMs >= 0) routeMetrics.upstreamDuration.observe(ctx.upstreamMs / 1000);
    if (ctx.denialReason !== "") {
      // Only refusals pay for the labelled counter; served requests never reach it.
      metrics.denials.inc({ api: ctx.stage?.apiId ?? "", stage: ctx.stage?.stage ?? "", reason: ctx.denialReason });
    }
    accessLog.write(ctx, status, totalMs);
    deps.observer.requestEnded(ctx, routeMetrics, status, totalMs);
    inFlight -= 1;
    metrics.requestEnded();
    if (inFlight === 0 && idleWaiters.length > 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  // One shared listener instead of a closure per request; 'close' fires once per response.
  function onResponseClose(this: ResponseWithContext): void {
    const ctx = this[CONTEXT];
    if (ctx !== undefined) onClose(ctx);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const ctx = new RequestContext(req, res, performance.now());
    inFlight += 1;
    metrics.requestStarted();
    (res as ResponseWithContext)[CONTEXT] = ctx;
    res.on("close", onResponseClose);
    if (draining) res.shouldKeepAlive = false;

    try {
      if (hasDuplicateHost(req.rawHeaders)) {
        sendError(ctx, errors.duplicateHost);
        return;
      }
      // `/<apiId>/<stage>/<path>?<query>`
      const url = req.url ?? "/";
      const apiEnd = url.indexOf("/", 1);
      if (apiEnd <= 1) {
        sendError(ctx, errors.notFound);
        return;
      }
      let stageEnd = apiEnd + 1;
      while (stageEnd < url.length) {
        const code = url.charCodeAt(stageEnd);
        if (code === 47 /* / */ || code === 63 /* ? */) break;
        stageEnd++;
      }
      const stage = state.getStage(url.slice(1, apiEnd), url.slice(apiEnd + 1, stageEnd));
      if (stage === undefined) {
        sendError(ctx, errors.notFound);
        return;
      }
      ctx.stage = stage;
      if (stage.accessLog !== null) ctx.remoteAddress = req.socket.remoteAddress ?? "";
      const queryStart = url.indexOf("?", stageEnd);
      if (queryStart === -1) {
        ctx.path = stageEnd === url.length ? "/" : url.slice(stageEnd);
      } else {
        ctx.path = queryStart === stageEnd ? "/" : url.slice(stageEnd, queryStart);
        ctx.query = url.slice(queryStart + 1);
      }

      if (hasDotSegment(ctx.path)) {
        sendError(ctx, errors.notFound);
        return;
      }

      const deployment = pickDeployment(stage, req);
      ctx.deployment = deployment;

      const method = req.method ?? "GET";
      if (stage.cors !== null && method === "OPTIONS" && stage.cors.isPreflight(req)) {
        const headers = ["x-request-id", ctx.requestId, "x-amzn-RequestId", ctx.requestId, "x-portico-deployment", deployment.deploymentId];
        stage.cors.answerPreflight(req, res, headers);
        return;
      }

      const found = deployment.router.find(method, ctx.path);
      if (found === null) {
        const allowed = allowedMethods(deployment, ctx.path);
        sendError(ctx, allowed.length > 0 ? methodNotAllowed(allowed) : errors.notFound);
        return;
      }
      const route = found.store;
      const params = found.params;
      if (route.greedyParam !== null) {
        const rest = params[route.greedyParam];
        // API Gateway's {proxy+} needs at least one character; "/" alone is the parent resource.
        if (rest === undefined || rest === "") {
          sendError(ctx, errors.notFound);
          return;
        }
      }
      if (paramsHaveDotSegment(params)) {
        sendError(ctx, errors.notFound);
        return;
      }
      ctx.route = route;
      ctx.params = params;

      if (declaredLength(req) > maxBodyBytes) {
        sendError(ctx, errors.payloadTooLarge);
        return;
      }
      if (route.steps === null) route.integration.invoke(ctx);
      else runSteps(ctx, route.steps, 0);
    } catch (error) {
      internalError(ctx, error);
    }
  }

  return Object.assign(handle, {
    inFlight: () => inFlight,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    startDraining: () => {
      draining = true;
    },
  });
}
