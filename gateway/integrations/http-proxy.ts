import type { Dispatcher, Pool } from "undici";
import type { Integration } from "@/lib/contracts";
import { BodyTooLargeError, declaredLength, hasBody, limitBody } from "../body";
import { CompileError } from "../compile/compile-error";
import type { CompiledIntegration, RequestContext } from "../pipeline";
import { errors, type GatewayError } from "../errors";
import { appendGatewayHeaders, sendError } from "../respond";
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

interface UriTemplate {
  origin: string;
  /** `host[:port]` of the origin, sent as the upstream Host header. */
  host: string;
  /** Literal path, when the URI has no path parameters. */
  staticPath: string | null;
  parts: UriPart[];
  hasQuery: boolean;
}

const STAGE_VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

/** Substitutes `${stageVariables.name}` at compile time; an undefined variable is a compile error. */
export function substituteStageVariables(text: string, variables: Record<string, string>, where: string): string {
  return text.replace(STAGE_VARIABLE, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined) {
      throw new CompileError([{ path: where, message: `stage variable '${name}' is used but not defined for this stage` }]);
    }
    return value;
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

/** A request-parameter mapping of an `http` integration, resolved per request. */
interface Mapping {
  target: "header" | "querystring";
  name: string;
  read: (ctx: RequestContext) => string | undefined;
}

function compileMappings(integration: ProxyIntegration, stageVariables: Record<string, string>, where: string): Mapping[] {
  if (integration.type !== "http") return [];
  const mappings: Mapping[] = [];
  for (const [target, source] of Object.entries(integration.requestParameters)) {
    const [, , kind, ...nameParts] = target.split(".");
    const name = nameParts.join(".");
    let read: Mapping["read"];
    if (source.startsWith("'")) {
      const literal = source.slice(1, -1);
      read = () => literal;
    } else if (source.startsWith("stageVariables.")) {
      const variable = source.slice("stageVariables.".length);
      const value = stageVariables[variable];
      if (value === undefined) {
        throw new CompileError([
          { path: `${where}.requestParameters`, message: `stage variable '${variable}' is not defined for this stage` },
        ]);
      }
      read = () => value;
    } else {
      const [, , location, ...rest] = source.split(".");
      const sourceName = rest.join(".");
      if (location === "path") read = (ctx) => (ctx.params !== null ? ctx.params[sourceName] : undefined);
      else if (location === "header") {
        const lower = sourceName.toLowerCase();
        read = (ctx) => {
          const value = ctx.req.headers[lower];
          return Array.isArray(value) ? value.join(", ") : value;
        };
      } else read = (ctx) => new URLSearchParams(ctx.query).get(sourceName) ?? undefined;
    }
    mappings.push({ target: kind === "header" ? "header" : "querystring", name: kind === "header" ? name.toLowerCase() : name, read });
  }
  return mappings;
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
  const mappings = compileMappings(integration, stageVariables, where);
  const upstreamHost = template.host;

  function fail(ctx: RequestContext, error: Error): void {
    if (error instanceof BodyTooLargeError) {
      sendError(ctx, errors.payloadTooLarge);
      return;
    }
    const { kind, response } = classifyUpstreamError(error);
    ctx.route?.metrics.countUpstreamError(kind);
    ctx.errorCode = `upstream_${kind}`;
    sendError(ctx, response);
  }

  return {
    type: integration.type,
    origin: template.origin,
    // Hot path: builds the upstream request and dispatches it.
    invoke(ctx) {
      const req = ctx.req;
      let path = buildPath(template, ctx.params);
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
      for (let i = 0; i < mappings.length; i++) {
        const mapping = mappings[i];
        const value = mapping.read(ctx);
        if (value === undefined) continue;
        if (mapping.target === "header") headers.push(mapping.name, value);
        else query = `${query === "" ? "" : `${query}&`}${encodeURIComponent(mapping.name)}=${encodeURIComponent(value)}`;
      }
      if (query !== "") path += (template.hasQuery ? "&" : "?") + query;

      let body: Buffer | NodeJS.ReadableStream | AsyncIterable<Buffer> | null = null;
      if (ctx.body !== null) body = ctx.body;
      else if (hasBody(req)) body = declaredLength(req) >= 0 ? req : limitBody(req, maxBodyBytes);

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
