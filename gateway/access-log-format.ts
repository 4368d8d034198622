import { parseAccessLogFormat, type AccessLogSettings, type AccessLogVariable } from "@/lib/contracts";
import { traceContextOf, xrayTraceIdOf } from "./observability/trace-context";
import type { RequestContext } from "./pipeline";

/**
 * A stage's access-log format (API Gateway's `accessLogSettings.format`),
 * compiled once per snapshot into literal text and one reader per
 * `$context` variable: a request renders its line without parsing anything.
 *
 * Values are escaped for the format's own syntax, judged from its first
 * character (`{` JSON, `<` XML, otherwise text, where a value holding a
 * comma or quote is quoted as in CSV), and control characters never reach
 * the line, so a header cannot forge a log line. A missing value is `-`,
 * as API Gateway writes it.
 */

export interface AccessLogLine {
  readonly ctx: RequestContext;
  readonly status: number;
  readonly totalMs: number;
  /** Epoch ms at which the request finished. */
  readonly now: number;
}

type Value = string | number | null | undefined;
type Reader = (line: AccessLogLine) => Value;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

let clfSecond = -1;
let clfText = "";

/** CLF time, as API Gateway's `$context.requestTime`: `07/Dec/2026:01:02:03 +0000`. Made once per second, not per line. */
export function clfTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== clfSecond) {
    clfSecond = second;
    clfText = formatClfTime(epochMs);
  }
  return clfText;
}

function formatClfTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

function startedAt(line: AccessLogLine): number {
  return Math.round(line.now - line.totalMs);
}

function ms(value: number): number | null {
  return value >= 0 ? Math.round(value) : null;
}

function authorizerRefused(ctx: RequestContext): boolean {
  return ctx.denialReason.startsWith("authorizer.") || ctx.denialReason.startsWith("jwt.");
}

function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** One reader per variable; the Record type makes the compiler insist every documented variable has one. */
const READERS: Record<AccessLogVariable, Reader> = {
  apiId: ({ ctx }) => ctx.stage?.apiId,
  "authorizer.error": ({ ctx }) => (authorizerRefused(ctx) ? ctx.error?.message || ctx.denialReason : null),
  "authorizer.integrationLatency": ({ ctx }) => ms(ctx.authorizerMs),
  "authorizer.latency": ({ ctx }) => ms(ctx.authorizerMs),
  "authorizer.principalId": ({ ctx }) => ctx.authorizer?.principalId,
  "authorizer.status": ({ ctx, status }) => (ctx.authorizerMs < 0 ? null : authorizerRefused(ctx) ? status : 200),
  deploymentId: ({ ctx }) => ctx.deployment?.deploymentId,
  domainName: ({ ctx }) => ctx.req.headers.host?.replace(/:\d+$/, ""),
  domainPrefix: ({ ctx }) => ctx.req.headers.host?.replace(/:\d+$/, "").split(".")[0],
  "error.message": ({ ctx }) => ctx.error?.message || null,
  "error.messageString": ({ ctx }) => (ctx.error !== null ? JSON.stringify(ctx.error.message) : null),
  "error.responseType": ({ ctx }) => ctx.error?.responseType,
  "error.validationErrorString": ({ ctx }) => (ctx.error !== null && ctx.error.code === "invalid_request" ? ctx.error.message : null),
  extendedRequestId: ({ ctx }) => ctx.requestId,
  httpMethod: ({ ctx }) => ctx.req.method,
  "identity.apiKeyId": ({ ctx }) => ctx.key?.id,
  "identity.caller": () => null,
  "identity.sourceIp": ({ ctx }) => ctx.remoteAddress,
  "identity.user": () => null,
  "identity.userAgent": ({ ctx }) => header(ctx, "user-agent"),
  "integration.error": ({ ctx }) => (ctx.errorCode.startsWith("upstream_") || ctx.errorCode.startsWith("lambda_") ? ctx.errorCode : null),
  "integration.latency": ({ ctx }) => ms(ctx.upstreamMs),
  integrationLatency: ({ ctx }) => ms(ctx.upstreamMs),
  path: ({ ctx }) => {
    const url = ctx.req.url ?? "/";
    const query = url.indexOf("?");
    return query === -1 ? url : url.slice(0, query);
  },
  protocol: ({ ctx }) => `HTTP/${ctx.req.httpVersion}`,
  requestId: ({ ctx }) => ctx.requestId,
  requestTime: (line) => clfTime(startedAt(line)),
  requestTimeEpoch: (line) => startedAt(line),
  resourceId: ({ ctx }) => ctx.route?.id,
  resourcePath: ({ ctx }) => ctx.route?.path,
  responseLatency: ({ totalMs }) => Math.round(totalMs),
  responseLength: ({ ctx }) => {
    const length = ctx.res.getHeader("content-length");
    return typeof length === "string" || typeof length === "number" ? length : null;
  },
  stage: ({ ctx }) => ctx.stage?.stage,
  status: ({ status }) => status,
  xrayTraceId: ({ ctx }) => xrayTraceIdOf(traceContextOf(ctx)),
  "portico.denialReason": ({ ctx }) => ctx.denialReason || null,
  "portico.errorCode": ({ ctx }) => ctx.errorCode || null,
  "portico.traceId": ({ ctx }) => traceContextOf(ctx).traceId,
};

/** `$context.authorizer.claims.sub`, `$context.authorizer.<key>`: what the authorizer established. */
function authorizerReader(path: readonly string[]): Reader {
  return ({ ctx }) => {
    let value: unknown = ctx.authorizer;
    for (const segment of path) {
      if (value === null || typeof value !== "object") return null;
      value = (value as Record<string, unknown>)[segment];
    }
    if (value === undefined || value === null) return null;
    if (typeof value === "string" || typeof value === "number") return value;
    return JSON.stringify(value);
  };
}

type Escape = (text: string) => string;

// Control characters (line breaks included) would split or forge lines.
const CONTROL = /[\u0000-\u001f\u007f]/g;

// Most values need no escaping: one test, and the value is used as it is.
const JSON_UNSAFE = /["\\\u0000-\u001f\u007f]/;
const TEXT_UNSAFE = /[",\u0000-\u001f\u007f]/;
const XML_UNSAFE = /[&<>"'\u0000-\u001f\u007f]/;

const escapeJson: Escape = (text) => (JSON_UNSAFE.test(text) ? JSON.stringify(text).slice(1, -1) : text);
const escapeXml: Escape = (text) =>
  !XML_UNSAFE.test(text)
    ? text
    : text
        .replace(CONTROL, " ")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&apos;");
const escapeText: Escape = (text) => {
  if (!TEXT_UNSAFE.test(text)) return text;
  const clean = text.replace(CONTROL, " ");
  return /[",]/.test(clean) ? `"${clean.replace(/"/g, '""')}"` : clean;
};

function escapeFor(format: string): Escape {
  const first = format.trimStart()[0];
  return first === "{" ? escapeJson : first === "<" ? escapeXml : escapeText;
}

export class CompiledAccessLogFormat {
  private constructor(
    private readonly texts: readonly string[],
    private readonly readers: readonly Reader[],
    private readonly escape: Escape,
    readonly destination: AccessLogSettings["destination"],
  ) {}

  static compile(settings: AccessLogSettings): CompiledAccessLogFormat {
    const texts: string[] = [""];
    const readers: Reader[] = [];
    for (const part of parseAccessLogFormat(settings.format)) {
      if (part.kind === "text") texts[texts.length - 1] += part.text;
      else {
        readers.push(part.kind === "variable" ? READERS[part.name] : authorizerReader(part.path));
        texts.push("");
      }
    }
    return new CompiledAccessLogFormat(texts, readers, escapeFor(settings.format), settings.destination);
  }

  // Hot path for stages with an access-log format: one pass over the compiled parts.
  render(line: AccessLogLine): string {
    let out = this.texts[0];
    for (let i = 0; i < this.readers.length; i++) {
      const value = this.readers[i](line);
      out += value === null || value === undefined || value === "" ? "-" : typeof value === "number" ? String(value) : this.escape(value);
      out += this.texts[i + 1];
    }
    return out;
  }
}
