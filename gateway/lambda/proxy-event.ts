import type { MethodRequest } from "../integrations/mapping/parameters";
import { clfTime, requestPathOf, sourceIpOf } from "../integrations/mapping/request-context";
import { proxyV2Authorizer } from "../auth/context";

// The Lambda proxy integration's event, as API Gateway documents it:
// payload format 1.0 (REST APIs) and 2.0 (HTTP APIs).

export interface ProxyEventInput {
  readonly method: MethodRequest;
  /** The route's resource path (`/pets/{id}`). */
  readonly resource: string;
  /** The request path inside the stage (`/pets/7`). */
  readonly path: string;
  readonly stage: string;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** The body goes base64-encoded (a binary media type). */
  readonly isBase64Encoded: boolean;
}

const orNull = <T extends object>(value: T): T | null => (Object.keys(value).length === 0 ? null : value);

function bodyText(input: ProxyEventInput): string | null {
  if (input.body.length === 0) return null;
  return input.isBase64Encoded ? input.body.toString("base64") : input.body.toString("utf8");
}

/** Payload format 1.0: REST APIs' `aws_proxy`. */
export function proxyEventV1(input: ProxyEventInput): Record<string, unknown> {
  const { method } = input;
  const requestContext: Record<string, unknown> = { ...method.context };
  const authorizer = method.ctx.authorizer;
  if (authorizer === null || Object.keys(authorizer).length === 0) delete requestContext.authorizer;
  return {
    resource: input.resource,
    path: input.path,
    httpMethod: method.ctx.req.method ?? "GET",
    headers: orNull(method.headersLast()),
    multiValueHeaders: orNull(method.headersMulti()),
    queryStringParameters: orNull(method.queryLast()),
    multiValueQueryStringParameters: orNull(method.queryMulti()),
    pathParameters: method.ctx.params !== null ? orNull({ ...method.ctx.params }) : null,
    stageVariables: orNull({ ...input.stageVariables }),
    requestContext,
    body: bodyText(input),
    isBase64Encoded: input.isBase64Encoded,
  };
}

/** Payload format 2.0: HTTP APIs. Headers lower case and comma-joined, cookies apart, empty parts left out. */
export function proxyEventV2(input: ProxyEventInput): Record<string, unknown> {
  const { method } = input;
  const ctx = method.ctx;
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  const raw = ctx.req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    const value = raw[i + 1];
    if (name === "cookie") {
      (cookies ??= []).push(
        ...value
          .split(";")
          .map((cookie) => cookie.trim())
          .filter((cookie) => cookie !== ""),
      );
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const query: Record<string, string> = {};
  for (const [name, values] of Object.entries(method.queryMulti())) query[name] = values.join(",");
  const context = method.context;
  const identity = context.identity as { sourceIp: string; userAgent: string | null };
  const routeKey = `${ctx.route?.method ?? ctx.req.method ?? "GET"} ${input.resource}`;
  const epoch = context.requestTimeEpoch as number;
  const event: Record<string, unknown> = {
    version: "2.0",
    routeKey,
    rawPath: requestPathOf(ctx),
    rawQueryString: ctx.query,
  };
  if (cookies !== undefined) event.cookies = cookies;
  event.headers = headers;
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (ctx.params !== null && Object.keys(ctx.params).length > 0) event.pathParameters = { ...ctx.params };
  if (Object.keys(input.stageVariables).length > 0) event.stageVariables = { ...input.stageVariables };
  const requestContext: Record<string, unknown> = {
    accountId: context.accountId,
    apiId: context.apiId,
  };
  if (ctx.authorizer !== null && Object.keys(ctx.authorizer).length > 0) requestContext.authorizer = proxyV2Authorizer(ctx.authorizer);
  Object.assign(requestContext, {
    domainName: context.domainName,
    domainPrefix: context.domainPrefix,
    http: {
      method: ctx.req.method ?? "GET",
      path: requestPathOf(ctx),
      protocol: context.protocol,
      sourceIp: identity.sourceIp || sourceIpOf(ctx),
      userAgent: identity.userAgent ?? "",
    },
    requestId: ctx.requestId,
    routeKey,
    stage: input.stage,
    time: clfTime(epoch),
    timeEpoch: epoch,
  });
  event.requestContext = requestContext;
  const body = bodyText(input);
  if (body !== null) event.body = body;
  event.isBase64Encoded = input.isBase64Encoded;
  return event;
}
