import type { RequestContext } from "../../pipeline";

// `$context` as API Gateway fills it for mapping templates, parameter
// mappings (`context.x`) and Lambda proxy events. Built once per request,
// and only for integrations that read it.

/** What the compiler knows of the route; the request adds the rest. */
export interface RouteFacts {
  readonly apiId: string;
  readonly stage: string;
  readonly resourceId: string;
  readonly resourcePath: string;
  /** The AWS account id the API claims, for methodArn and $context.accountId ("" when unknown). */
  readonly accountId: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** CLF time, as `$context.requestTime`: `06/Dec/2026:22:30:00 +0000`. */
export function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** The client's address, as the gateway's socket sees it. */
export function sourceIpOf(ctx: RequestContext): string {
  return ctx.req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "";
}

function header(ctx: RequestContext, name: string): string | null {
  const value = ctx.req.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(",") : value;
}

/** The request's path as the client sent it (the stage prefix included), as `$context.path`. */
export function requestPathOf(ctx: RequestContext): string {
  const url = ctx.req.url ?? "/";
  const question = url.indexOf("?");
  return question === -1 ? url : url.slice(0, question);
}

/** `$context` for one request. */
export function contextVariables(ctx: RequestContext, facts: RouteFacts): Record<string, unknown> {
  const epoch = Date.now() - Math.round(performance.now() - ctx.startedAt);
  const apiKey = header(ctx, "x-api-key");
  return {
    accountId: facts.accountId,
    apiId: facts.apiId,
    authorizer: ctx.authorizer ?? {},
    domainName: header(ctx, "host") ?? "",
    domainPrefix: (header(ctx, "host") ?? "").split(".")[0],
    extendedRequestId: ctx.requestId,
    httpMethod: ctx.req.method ?? "GET",
    identity: {
      accessKey: null,
      accountId: null,
      apiKey: ctx.key !== null ? apiKey : null,
      apiKeyId: ctx.key !== null ? ctx.key.id : null,
      caller: null,
      cognitoAuthenticationProvider: null,
      cognitoAuthenticationType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
      principalOrgId: null,
      sourceIp: sourceIpOf(ctx),
      user: null,
      userAgent: header(ctx, "user-agent"),
      userArn: null,
    },
    path: requestPathOf(ctx),
    protocol: `HTTP/${ctx.req.httpVersion}`,
    requestId: ctx.requestId,
    requestTime: clfTime(epoch),
    requestTimeEpoch: epoch,
    resourceId: facts.resourceId,
    resourcePath: facts.resourcePath,
    stage: facts.stage,
  };
}

/** A dotted `context.a.b` lookup, as parameter mappings read it; undefined when absent. */
export function contextValue(context: Record<string, unknown>, path: string): string | undefined {
  let value: unknown = context;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  if (value === undefined || value === null) return undefined;
  return scalarText(value);
}

/** A mapped value as text: objects and arrays as JSON, scalars as themselves. */
export function scalarText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value) ?? "";
}
