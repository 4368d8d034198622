import { lingerBeforeClose } from "./body";
import type { GatewayError } from "./errors";
import type { RequestContext } from "./pipeline";

/**
 * Appends the headers every gateway response carries: request id (as
 * `x-request-id` and API Gateway's `x-amzn-RequestId`), which deployment
 * answered, CORS for the calling origin, and RateLimit-* for keyed requests.
 */
export function appendGatewayHeaders(ctx: RequestContext, headers: string[]): void {
  headers.push("x-request-id", ctx.requestId, "x-amzn-RequestId", ctx.requestId);
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
  if (ctx.error === null) ctx.error = error;
  if (ctx.denialReason === "" && error.reason !== "") ctx.denialReason = error.reason;
  // The client is gone (it closed while a store or the upstream was answering): nobody to tell.
  if (res.destroyed) return;
  if (res.headersSent) {
    // Part of another answer already left: the only honest signal left is a cut connection.
    res.destroy();
    return;
  }
  // The client may still be sending the body this answer refuses (a 413 without Expect: 100-continue).
  if (error.closesConnection && !ctx.req.complete) lingerBeforeClose(res);
  const custom = ctx.stage !== null && ctx.stage.gatewayResponses !== null ? ctx.stage.gatewayResponses.render(ctx, error) : null;
  if (custom !== null) {
    appendGatewayHeaders(ctx, custom.headers);
    res.writeHead(custom.status, custom.headers);
    res.end(ctx.req.method === "HEAD" ? undefined : custom.body);
    return;
  }
  const headers: string[] = ["content-type", "application/json", "content-length", String(error.body.length)];
  for (let i = 0; i < error.headers.length; i++) headers.push(error.headers[i]);
  appendGatewayHeaders(ctx, headers);
  res.writeHead(error.status, headers);
  res.end(ctx.req.method === "HEAD" ? undefined : error.body);
}
