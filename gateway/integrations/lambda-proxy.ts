import { BodyTooLargeError, hasBody, readBody } from "../body";
import { errors, GatewayError } from "../errors";
import type { LambdaInvoker } from "../lambda/invoke";
import { proxyEventV1, proxyEventV2 } from "../lambda/proxy-event";
import { MalformedResult, readProxyResult } from "../lambda/proxy-result";
import { describeLambdaTarget, type LambdaTarget } from "@/lib/contracts/lambda-target";
import type { Logger } from "../logger";
import { traceOf, tracedBody, type CompiledIntegration, type RequestContext } from "../pipeline";
import { appendGatewayHeaders, sendError } from "../respond";
import { lambdaFailure } from "./backends";
import { acceptsBinary, isTextMediaType, mediaTypeOf, type BinaryMediaTypes } from "./mapping/media";
import { MethodRequest } from "./mapping/parameters";
import type { RouteFacts } from "./mapping/request-context";

// `aws_proxy`: the whole request goes to a Lambda function as the proxy
// event and its result is the response, as in API Gateway.

/** API Gateway's answer to a function error or a result it cannot read. */
const lambdaProxyError = new GatewayError(502, "Internal server error", "lambda_proxy_error");

export interface LambdaProxyOptions {
  readonly invoker: LambdaInvoker;
  readonly target: LambdaTarget;
  readonly timeoutMs: number;
  readonly payloadFormatVersion: "1.0" | "2.0";
  readonly stageVariables: Record<string, string>;
  readonly facts: RouteFacts;
  readonly binaryMediaTypes: BinaryMediaTypes;
  readonly maxBodyBytes: number;
  readonly logger: Logger;
}

export function compileLambdaProxyIntegration(options: LambdaProxyOptions): CompiledIntegration {
  const { invoker, target, timeoutMs, payloadFormatVersion: version, stageVariables, facts, binaryMediaTypes, logger } = options;

  function isBinaryRequest(contentType: string | undefined): boolean {
    const type = mediaTypeOf(contentType);
    if (binaryMediaTypes.matches(type)) return true;
    // HTTP APIs have no binary media types: anything not text goes base64-encoded.
    return version === "2.0" && type !== "" && !isTextMediaType(type);
  }

  async function run(ctx: RequestContext): Promise<void> {
    const req = ctx.req;
    const body = ctx.body ?? (hasBody(req) ? await readBody(req, options.maxBodyBytes) : Buffer.alloc(0));
    const method = new MethodRequest(ctx, facts);
    const input = {
      method,
      resource: facts.resourcePath,
      path: ctx.path,
      stage: facts.stage,
      stageVariables,
      body,
      isBase64Encoded: body.length > 0 && isBinaryRequest(req.headers["content-type"]),
    };
    const event = version === "2.0" ? proxyEventV2(input) : proxyEventV1(input);
    const trace = traceOf(ctx);
    trace?.record("lambda event", { function: describeLambdaTarget(target), payloadFormatVersion: version, event });
    ctx.upstreamStartedAt = performance.now();
    let result;
    try {
      result = await invoker.invoke({ target, payload: JSON.stringify(event), timeoutMs });
    } catch (error) {
      throw lambdaFailure(ctx, error);
    }
    ctx.upstreamMs = performance.now() - ctx.upstreamStartedAt;
    trace?.record("lambda result", {
      functionError: result.functionError,
      payload: tracedBody(result.payload),
      ms: Math.round(ctx.upstreamMs),
    });
    if (result.functionError !== null) {
      ctx.errorCode = "lambda_function_error";
      logger.warn("Lambda function failed; answered 502.", {
        requestId: ctx.requestId,
        route: facts.resourceId,
        functionError: result.functionError,
        payload: result.payload.toString("utf8").slice(0, 1024),
      });
      sendError(ctx, lambdaProxyError);
      return;
    }
    const decode = version === "2.0" || acceptsBinary(binaryMediaTypes, req.headers.accept);
    const response = readProxyResult(result.payload, version, decode);
    const res = ctx.res;
    if (res.destroyed || res.headersSent) return;
    const headers = response.headers;
    headers.push("content-length", String(response.body.length));
    appendGatewayHeaders(ctx, headers);
    res.writeHead(response.statusCode, headers);
    res.end(req.method === "HEAD" ? undefined : response.body);
  }

  function fail(ctx: RequestContext, error: unknown): void {
    if (error instanceof BodyTooLargeError) return sendError(ctx, errors.payloadTooLarge);
    if (error instanceof GatewayError) return sendError(ctx, error);
    if (error instanceof MalformedResult) {
      ctx.errorCode = "lambda_malformed_result";
      traceOf(ctx)?.record("failure", { code: ctx.errorCode, reason: `Malformed Lambda proxy response: ${error.message}` });
      logger.warn("Malformed Lambda proxy response; answered 502.", {
        requestId: ctx.requestId,
        route: facts.resourceId,
        reason: error.message,
      });
      return sendError(ctx, lambdaProxyError);
    }
    ctx.errorCode = "integration_error";
    logger.error("Lambda proxy integration failed.", {
      requestId: ctx.requestId,
      reason: error instanceof Error ? error.message : String(error),
    });
    sendError(ctx, errors.internal);
  }

  return {
    type: "aws_proxy",
    origin: null,
    invoke(ctx) {
      run(ctx).catch((error: unknown) => fail(ctx, error));
    },
  };
}
