import type { Dispatcher, Pool } from "undici";
import type { Integration } from "@/lib/contracts";
import { resolveStageVariables } from "@/lib/contracts/stage-variables";
import { BodyTooLargeError, declaredLength, hasBody, limitBody } from "../body";
import { CompileError } from "../compile/compile-error";
import type { CompiledIntegration, RequestContext } from "../pipeline";
import { errors, type GatewayError } from "../errors";
import { appendTraceHeaders } from "../observability/trace-context";
import { appendGatewayHeaders, sendError } from "../respond";
import { compileParameterMapping, compileRequestMappings, MethodRequest } from "./mapping/parameters";
import type { RouteFacts } from "./mapping/request-context";
import type { UpstreamPools } from "./pools";

type ProxyIntegration = Extract<Integration, { type: "http_proxy" | "http" }>;

/** Headers that describe one hop, not the message (RFC 9110 §7.6.1): never forwarded either way. */
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
];

/**
 * Request headers the upstream does not get: hop-by-hop ones and the ones
 * the gateway sets itself. `expect` is answered by the gateway's own
 * server; `x-api-key` is the consumer's secret and stays at the edge.
 */
const REQUEST_HEADERS_NOT_FORWARDED = new Set([
  ...HOP_BY_HOP,
  "host",
  "expect",
  "x-api-key",
  "x-forwarded-for",
  "x-forwarded-proto",
  "x-forwarded-host",
  "x-request-id",
  // Replaced by the gateway's own, naming its span as the parent (observability/trace-context.ts).
  "traceparent",
  "x-amzn-trace-id",
]);

const RESPONSE_HEADERS_NOT_FORWARDED = new Set(HOP_BY_HOP);

/** Typed upstream failure kinds: the `kind` label of portico_upstream_errors_total. */
export type UpstreamErrorKind = "timeout" | "refused" | "reset" | "dns" | "other";

export function classifyUpstreamError(error: Error): { kind: UpstreamErrorKind; response: GatewayError } {
  const code = (error as { code?: string }).code;
  switch (code) {
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
    case "ETIMEDOUT":
      return { kind: "timeout", response: errors.timeout };
    case "ECONNREFUSED":
      return { kind: "refused", response: errors.badGateway };
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
      return { kind: "reset", response: errors.badGateway };
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return { kind: "dns", response: errors.badGateway };
    default:
      return { kind: "other", response: errors.badGateway };
  }
}

/** Raised into undici to abort an upstream request whose client went away. */
class ClientGoneError extends Error {
  readonly code = "CLIENT_GONE";
}

type UriPart = string | { param: string; greedy: boolean };

export interface UriTemplate {
  origin: string;
  /** `host[:port]` of the origin, sent as the upstream Host header. */
  host: string;
  /** Literal path, when the URI has no path parameters. */
  staticPath: string | null;
  parts: UriPart[];
  hasQuery: boolean;
}

/** Substitutes `${stageVariables.name}` at compile time; an undefined variable is a compile error. */
export function substituteStageVariables(text: string, variables: Record<string, string>, where: string): string {
  return resolveStageVariables(text, variables, (name) => {
    throw new CompileError([{ path: where, message: `stage variable '${name}' is used but not defined for this stage` }]);
  });
}

/** Parsed origins (`new URL` is the costly part of a template): few distinct ones, many routes each. */
const parsedOrigins = new Map<string, { origin: string; host: string }>();
const MAX_CACHED_ORIGINS = 1_000;

function parseOrigin(text: string, where: string): { origin: string; host: string } {
  const cached = parsedOrigins.get(text);
  if (cached !== undefined) return cached;
  let parsed: { origin: string; host: string };
  try {
    if (/[{}]/.test(text)) throw new Error("parameter in origin");
    const url = new URL(text);
    if (url.username !== "" || url.password !== "") throw new Error("credentials in URI");
    parsed = { origin: url.origin, host: url.host };
  } catch {
    throw new CompileError([{ path: where, message: `'${text}' is not a valid origin (path parameters are allowed only in the path)` }]);
  }
  if (parsedOrigins.size >= MAX_CACHED_ORIGINS) parsedOrigins.clear();
  parsedOrigins.set(text, parsed);
  return parsed;
}

/**
 * Splits an integration URI into its origin and a path template. `{name}`
 * and `{name+}` are path parameters; the route's greedy parameter keeps its
 * slashes whichever spelling the URI uses (API Gateway writes `{proxy}`).
 */
export function parseUriTemplate(uri: string, where: string, greedyParam: string | null = null): UriTemplate {
  const match = /^(https?:\/\/[^/?#]+)([^#]*)$/.exec(uri);
  if (match === null || match[1] === undefined) {
    throw new CompileError([{ path: where, message: `'${uri}' is not an absolute http(s) URI` }]);
  }
  const { origin, host } = parseOrigin(match[1], where);
  const rest = match[2] === undefined || match[2] === "" ? "/" : match[2];
  const pathAndQuery = rest.startsWith("/") ? rest : `/${rest}`;
  const parts: UriPart[] = [];
  let staticPath: string | null = pathAndQuery;
  if (pathAndQuery.includes("{")) {
    const pattern = /\{([A-Za-z0-9_]+)(\+?)\}/g;
    let last = 0;
    for (const found of pathAndQuery.matchAll(pattern)) {
      const index = found.index ?? 0;
      if (index > last) parts.push(pathAndQuery.slice(last, index));
      parts.push({ param: found[1] ?? "", greedy: found[2] === "+" || found[1] === greedyParam });
      last = index + found[0].length;
    }
    if (last < pathAndQuery.length) parts.push(pathAndQuery.slice(last));
    staticPath = parts.every((part) => typeof part === "string") ? parts.join("") : null;
  } else parts.push(pathAndQuery);
  return { origin, host, staticPath, parts, hasQuery: pathAndQuery.includes("?") };
}

function appendQuery(query: string, name: string, value: string): string {
  return `${query === "" ? "" : `${query}&`}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}

function removeQuery(query: string, name: string): string {
  if (query === "") return query;
  return query
    .split("&")
    .filter((pair) => {
      const equals = pair.indexOf("=");
      const key = equals === -1 ? pair : pair.slice(0, equals);
      try {
        return decodeURIComponent(key.replace(/\+/g, " ")) !== name;
      } catch {
        return key !== name;
      }
    })
    .join("&");
}

/** Removes a header (lower-case name) from a flat [name, value, ...] list. */
function removeHeader(headers: string[], name: string): void {
  for (let i = headers.length - 2; i >= 0; i -= 2) if (headers[i] === name) headers.splice(i, 2);
}

function encodeGreedy(value: string): string {
  return value.split("/").map(encodeURIComponent).join("/");
}

/** Extra hop-by-hop headers a message names in its Connection header (RFC 9110 §7.6.1); null for the usual values. */
function connectionTokens(connection: string | string[] | undefined): string[] | null {
  if (connection === undefined) return null;
  const value = Array.isArray(connection) ? connection.join(",") : connection;
  if (value === "keep-alive" || value === "close" || value === "Keep-Alive" || value === "Close") return null;
  return value
    .toLowerCase()
    .split(",")
    .map((token) => token.trim())
    .filter((token) => token !== "" && token !== "keep-alive" && token !== "close");
}

function buildPath(template: UriTemplate, params: Record<string, string> | null): string {
  if (template.staticPath !== null) return template.staticPath;
  let path = "";
  for (const part of template.parts) {
    if (typeof part === "string") path += part;
    else {
      const value = params !== null ? (params[part.param] ?? "") : "";
      path += part.greedy ? encodeGreedy(value) : encodeURIComponent(value);
    }
  }
  return path;
}

/** The path and query string to send, from mapped path parameters and query string pairs (non-proxy integrations). */
export function buildRequestPath(template: UriTemplate, params: Record<string, string>, query: [string, string][]): string {
  let path = buildPath(template, params);
  let extra = "";
  for (const [name, value] of query) extra = appendQuery(extra, name, value);
  if (extra !== "") path += (template.hasQuery ? "&" : "?") + extra;
  return path;
}

/** Lower-case names of the hop-by-hop headers a Connection header value lists. */
function connectionTokensFromRaw(raw: Buffer[]): string[] | null {
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length === 10 && raw[i].toString("latin1").toLowerCase() === "connection") {
      return connectionTokens(raw[i + 1].toString("latin1"));
    }
  }
  return null;
}

/**
 * Handles one upstream exchange and streams the response back with
 * backpressure: when the client cannot keep up, the upstream is paused.
 *
 * This is undici's core handler interface (raw header buffers, boolean
 * backpressure). The newer controller interface wraps every request in two
 * more objects and parses the headers into an object first; on this path
 * that measured as a few percent of the gateway's CPU.
 */
class UpstreamExchange implements Dispatcher.DispatchHandler {
  private abortUpstream: ((error: Error) => void) | null = null;
  private resumeUpstream: (() => void) | null = null;
  private clientGone = false;
  /** Created on the first pause only: most responses never need it. */
  private onDrain: (() => void) | null = null;

  constructor(
    private readonly ctx: RequestContext,
    private readonly onFailure: (ctx: RequestContext, error: Error) => void,
  ) {}

  /** Called when the client's connection closes before the response finished. */
  abort(): void {
    if (this.clientGone) return;
    this.clientGone = true;
    if (this.abortUpstream !== null) this.abortUpstream(new ClientGoneError("Client went away"));
  }

  onConnect(abort: (error: Error) => void): void {
    this.abortUpstream = abort;
    if (this.clientGone) abort(new ClientGoneError("Client went away"));
  }

  onHeaders(statusCode: number, raw: Buffer[], resume: () => void): boolean {
    // 1xx answers are interim; the final status follows.
    if (statusCode < 200) return true;
    const ctx = this.ctx;
    ctx.upstreamMs = performance.now() - ctx.upstreamStartedAt;
    this.resumeUpstream = resume;
    const out: string[] = [];
    let named: string[] | null | undefined;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i].toString("latin1").toLowerCase();
      if (RESPONSE_HEADERS_NOT_FORWARDED.has(name)) continue;
      if (named === undefined) named = connectionTokensFromRaw(raw);
      if (named !== null && named.includes(name)) continue;
      out.push(name, raw[i + 1].toString("latin1"));
    }
    appendGatewayHeaders(ctx, out);
    ctx.res.writeHead(statusCode, out);
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.ctx.res.write(chunk)) return true;
    this.onDrain ??= () => {
      if (this.resumeUpstream !== null) this.resumeUpstream();
    };
    this.ctx.res.once("drain", this.onDrain);
    return false;
  }

  onComplete(): void {
    this.ctx.res.end();
  }

  onError(error: Error): void {
    if (this.clientGone || error instanceof ClientGoneError) return;
    this.onFailure(this.ctx, error);
  }
}

export interface HttpIntegrationOptions {
  integration: ProxyIntegration;
  stageVariables: Record<string, string>;
  pools: UpstreamPools;
  maxBodyBytes: number;
  /** JSON path of the integration in the snapshot, for compile errors. */
  where: string;
  /** The route's `{name+}` parameter, if any. */
  greedyParam: string | null;
  facts: RouteFacts;
}

/**
 * HTTP proxy integration: method, path, query, headers and body are
 * forwarded, the body streamed both ways (or the buffer read for validation).
 */
export function compileHttpIntegration(options: HttpIntegrationOptions): CompiledIntegration & { origin: string } {
  const { integration, stageVariables, maxBodyBytes, where } = options;
  const uri = substituteStageVariables(integration.uri, stageVariables, `${where}.uri`);
  const template = parseUriTemplate(uri, `${where}.uri`, options.greedyParam);
  const pool: Pool = options.pools.get(template.origin);
  const fixedMethod = integration.method !== undefined && integration.method !== "ANY" ? integration.method : null;
  const timeoutMs = integration.timeoutMs;
  const mappings = compileRequestMappings(integration.type === "http" ? integration.requestParameters : undefined, stageVariables, where);
  const httpApiMappings = compileParameterMapping(
    integration.type === "http_proxy" ? integration.parameterMapping : undefined,
    stageVariables,
    where,
  );
  const mapsParameters = mappings.size > 0 || httpApiMappings.length > 0;
  const upstreamHost = template.host;

  function fail(ctx: RequestContext, error: Error): void {
    if (error instanceof BodyTooLargeError) {
      sendError(ctx, errors.payloadTooLarge);
      return;
    }
    const { kind, response } = classifyUpstreamError(error);
    ctx.stage?.trace?.record("failure", { code: `upstream_${kind}`, reason: error.message });
    ctx.route?.metrics.countUpstreamError(kind);
    ctx.errorCode = `upstream_${kind}`;
    sendError(ctx, response);
  }

  /** Applies the parameter mappings to the outgoing headers (in place) and gives the path and query to send. */
  function mapRequest(ctx: RequestContext, headers: string[], query: string): { path: string; query: string } {
    const request = new MethodRequest(ctx, options.facts);
    const mapped = mappings.apply(request);
    let params = ctx.params;
    if (Object.keys(mapped.path).length > 0) params = { ...(params ?? {}), ...mapped.path };
    for (const [name, value] of mapped.header) headers.push(name, value);
    for (const [name, value] of mapped.querystring) query = appendQuery(query, name, value);
    let overwrittenPath: string | null = null;
    for (const mapping of httpApiMappings) {
      const value = mapping.value(request);
      if (mapping.location === "path") {
        if (mapping.action === "overwrite") overwrittenPath = value.startsWith("/") ? value : `/${value}`;
      } else if (mapping.location === "header") {
        if (mapping.action !== "append") removeHeader(headers, mapping.name);
        if (mapping.action !== "remove") headers.push(mapping.name, value);
      } else {
        if (mapping.action !== "append") query = removeQuery(query, mapping.name);
        if (mapping.action !== "remove") query = appendQuery(query, mapping.name, value);
      }
    }
    return { path: overwrittenPath ?? buildPath(template, params), query };
  }

  return {
    type: integration.type,
    origin: template.origin,
    // Hot path: builds the upstream request and dispatches it.
    invoke(ctx) {
      const req = ctx.req;
      let query = ctx.query;
      const raw = req.rawHeaders;
      const headers: string[] = ["host", upstreamHost];
      let forwardedFor = "";
      const named = connectionTokens(req.headers.connection);
      for (let i = 0; i < raw.length; i += 2) {
        const name = raw[i].toLowerCase();
        if (REQUEST_HEADERS_NOT_FORWARDED.has(name)) {
          if (name === "x-forwarded-for") forwardedFor = forwardedFor === "" ? raw[i + 1] : `${forwardedFor}, ${raw[i + 1]}`;
          continue;
        }
        if (named !== null && named.includes(name)) continue;
        headers.push(name, raw[i + 1]);
      }
      const remote = req.socket.remoteAddress ?? "";
      headers.push(
        "x-forwarded-for",
        forwardedFor === "" ? remote : `${forwardedFor}, ${remote}`,
        "x-forwarded-proto",
        "http",
        "x-forwarded-host",
        req.headers.host ?? "",
        "x-request-id",
        ctx.requestId,
      );
      appendTraceHeaders(ctx, headers);
      let path: string;
      if (mapsParameters) {
        const mapped = mapRequest(ctx, headers, query);
        query = mapped.query;
        path = mapped.path;
      } else path = buildPath(template, ctx.params);
      if (query !== "") path += (template.hasQuery ? "&" : "?") + query;

      let body: Buffer | NodeJS.ReadableStream | AsyncIterable<Buffer> | null = null;
      if (ctx.body !== null) body = ctx.body;
      else if (hasBody(req)) body = declaredLength(req) >= 0 ? req : limitBody(req, maxBodyBytes);

      const trace = ctx.stage !== null ? ctx.stage.trace : null;
      if (trace !== null)
        trace.record("endpoint request", { method: fixedMethod ?? req.method ?? "GET", url: `${template.origin}${path}` });
      const exchange = new UpstreamExchange(ctx, fail);
      ctx.upstream = exchange;
      ctx.upstreamStartedAt = performance.now();
      pool.dispatch(
        {
          method: fixedMethod ?? req.method ?? "GET",
          path,
          headers,
          body: body as Dispatcher.DispatchOptions["body"],
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        },
        exchange,
      );
    },
  };
}
