import type { Dispatcher, Pool } from "undici";
import { errors } from "../errors";
import { LambdaInvokeError, type LambdaInvoker } from "../lambda/invoke";
import type { LambdaTarget } from "@/lib/contracts/lambda-target";
import { appendTraceHeaders } from "../observability/trace-context";
import { traceOf, type RequestContext } from "../pipeline";
import type { Backend, BackendAnswer } from "./mapped";

// The backends of the non-proxy integrations: an HTTP endpoint, a mock, and
// a Lambda function. Each answers in the terms integration responses select on.

/** A backend's largest answer: API Gateway's payload limit. */
const MAX_ANSWER_BYTES = 10 * 1024 * 1024;

interface BufferedAnswer {
  statusCode: number;
  /** Lower-case names. */
  headers: Record<string, string[]>;
  body: Buffer;
}

/**
 * One upstream exchange read whole (integration responses need the body),
 * on undici's core handler interface: no stream, no async iterator, one
 * promise per request.
 */
class BufferedExchange implements Dispatcher.DispatchHandler {
  private abortUpstream: ((error: Error) => void) | null = null;
  private statusCode = 0;
  private headers: Record<string, string[]> = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly resolve: (answer: BufferedAnswer) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  abort(): void {
    this.abortUpstream?.(new Error("Client went away"));
  }

  onConnect(abort: (error: Error) => void): void {
    this.abortUpstream = abort;
  }

  onHeaders(statusCode: number, raw: Buffer[]): boolean {
    if (statusCode < 200) return true;
    this.statusCode = statusCode;
    const headers: Record<string, string[]> = {};
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i].toString("latin1").toLowerCase();
      (headers[name] ??= []).push(raw[i + 1].toString("latin1"));
    }
    this.headers = headers;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.size += chunk.length;
    if (this.size > MAX_ANSWER_BYTES) {
      this.abortUpstream?.(
        Object.assign(new Error(`the backend answered more than ${MAX_ANSWER_BYTES} bytes`), { code: "UPSTREAM_TOO_LARGE" }),
      );
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    const body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    this.resolve({ statusCode: this.statusCode, headers: this.headers, body });
  }

  onError(error: Error): void {
    this.reject(error);
  }
}

export interface HttpBackendOptions {
  readonly pool: Pool;
  readonly host: string;
  /** `scheme://host[:port]`, for traces. */
  readonly origin: string;
  readonly method: string | null;
  /** Builds the path and query from the mapped path parameters and query string. */
  readonly buildPath: (params: Record<string, string>, query: [string, string][]) => string;
  readonly timeoutMs: number;
}

/**
 * API Gateway's HTTP (non-proxy) integration: the backend gets only what the
 * mappings give it (headers, query string, path parameters) and the mapped
 * body; its status code selects the integration response.
 */
export function httpBackend(options: HttpBackendOptions): Backend {
  return async (ctx, request) => {
    const headers: string[] = ["host", options.host, "x-request-id", ctx.requestId];
    appendTraceHeaders(ctx, headers);
    for (const [name, value] of request.params.header) headers.push(name, value);
    if (request.body.length > 0 && request.contentType !== undefined) headers.push("content-type", request.contentType);
    ctx.upstreamStartedAt = performance.now();
    const path = options.buildPath({ ...(ctx.params ?? {}), ...request.params.path }, request.params.querystring);
    traceOf(ctx)?.record("endpoint request", {
      method: options.method ?? ctx.req.method ?? "GET",
      url: `${options.origin}${path}`,
      headers: request.params.header,
    });
    let response: BufferedAnswer;
    try {
      response = await new Promise<BufferedAnswer>((resolve, reject) => {
        const exchange = new BufferedExchange(resolve, reject);
        ctx.upstream = exchange;
        options.pool.dispatch(
          {
            method: options.method ?? ctx.req.method ?? "GET",
            path,
            headers,
            body: request.body.length > 0 ? request.body : null,
            headersTimeout: options.timeoutMs,
            bodyTimeout: options.timeoutMs,
          },
          exchange,
        );
      });
    } catch (error) {
      throw upstreamFailure(ctx, error);
    }
    ctx.upstreamMs = performance.now() - ctx.upstreamStartedAt;
    return {
      selector: String(response.statusCode),
      statusCode: response.statusCode,
      headers: response.headers,
      body: response.body,
    };
  };
}

function upstreamFailure(ctx: RequestContext, error: unknown): unknown {
  // A GatewayError already decided (not an Error): passed on as it is.
  if (!(error instanceof Error)) return error;
  traceOf(ctx)?.record("failure", { code: (error as { code?: string }).code ?? "upstream_error", reason: error.message });
  const code = (error as { code?: string }).code ?? "";
  ctx.upstreamMs = performance.now() - ctx.upstreamStartedAt;
  if (code.includes("TIMEOUT") || code === "ETIMEDOUT") {
    ctx.route?.metrics.countUpstreamError("timeout");
    ctx.errorCode = "upstream_timeout";
    return errors.timeout;
  }
  ctx.route?.metrics.countUpstreamError(code === "ECONNREFUSED" ? "refused" : code === "ECONNRESET" ? "reset" : "other");
  ctx.errorCode = "upstream_error";
  return errors.badGateway;
}

/**
 * API Gateway's mock: the request template's output names the status code
 * (`{"statusCode": 200}`) that selects the integration response; with no
 * template, or none naming one, it is 200.
 */
export const mockBackend: Backend = (_ctx, request) => {
  let statusCode = 200;
  const text = request.rendered ?? request.body.toString("utf8");
  if (text.trim() !== "") {
    try {
      const parsed = JSON.parse(text) as { statusCode?: unknown };
      const named = typeof parsed?.statusCode === "string" ? Number(parsed.statusCode) : parsed?.statusCode;
      if (typeof named === "number" && Number.isInteger(named) && named >= 100 && named <= 599) statusCode = named;
    } catch {
      // Not JSON: API Gateway answers from the default integration response.
    }
  }
  const answer: BackendAnswer = { selector: String(statusCode), statusCode, headers: {}, body: Buffer.alloc(0) };
  return Promise.resolve(answer);
};

export interface LambdaErrorPayload {
  errorMessage?: unknown;
  errorType?: unknown;
}

/** Reads a function error's message, as selection patterns match it ("" when the payload names none). */
export function errorMessageOf(payload: Buffer): string {
  try {
    const parsed = JSON.parse(payload.toString("utf8")) as LambdaErrorPayload | string;
    if (typeof parsed === "string") return parsed;
    return typeof parsed?.errorMessage === "string" ? parsed.errorMessage : "";
  } catch {
    return payload.toString("utf8");
  }
}

/** Turns an invocation failure into the gateway's answer: a timeout is 504, anything else 500. */
export function lambdaFailure(ctx: RequestContext, error: unknown): unknown {
  ctx.upstreamMs = performance.now() - ctx.upstreamStartedAt;
  if (!(error instanceof LambdaInvokeError)) return error;
  traceOf(ctx)?.record("failure", { code: error.kind === "timeout" ? "lambda_timeout" : "lambda_invoke_failed", reason: error.message });
  ctx.route?.metrics.countUpstreamError(error.kind === "timeout" ? "timeout" : "other");
  ctx.errorCode = error.kind === "timeout" ? "lambda_timeout" : "lambda_invoke_failed";
  return error.kind === "timeout" ? errors.timeout : errors.internal;
}

/**
 * API Gateway's `aws` integration with Lambda: the mapped body is the
 * event; a function error's errorMessage selects the integration response,
 * a success takes the default one.
 */
export function lambdaBackend(invoker: LambdaInvoker, target: LambdaTarget, timeoutMs: number): Backend {
  return async (ctx, request) => {
    ctx.upstreamStartedAt = performance.now();
    let result;
    try {
      result = await invoker.invoke({ target, payload: request.body.length > 0 ? request.body.toString("utf8") : "{}", timeoutMs });
    } catch (error) {
      throw lambdaFailure(ctx, error);
    }
    ctx.upstreamMs = performance.now() - ctx.upstreamStartedAt;
    const headers = { "content-type": ["application/json"] };
    if (result.functionError !== null) {
      return { selector: errorMessageOf(result.payload), statusCode: 200, headers, body: result.payload };
    }
    return { selector: null, statusCode: 200, headers, body: result.payload };
  };
}
