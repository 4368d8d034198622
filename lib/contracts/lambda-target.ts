// Which function a Lambda integration or authorizer calls, read from the URI
// API Gateway stores for it. Parsed when the snapshot is compiled, so a
// request only looks the result up.

import { fillStageVariables, resolveStageVariables } from "./stage-variables";

/** A function called through the Lambda Invoke API. */
export interface LambdaFunctionTarget {
  readonly kind: "function";
  /** A function name or ARN, with its version or alias when the URI names one. */
  readonly functionName: string;
  /** The region the URI names; null to take the SDK's configured one. */
  readonly region: string | null;
}

/** Portico's extension: a plain HTTP(S) endpoint that receives the same event as a POST. */
export interface LambdaUrlTarget {
  readonly kind: "url";
  readonly url: string;
}

export type LambdaTarget = LambdaFunctionTarget | LambdaUrlTarget;

export class LambdaTargetError extends Error {}

/** `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations` */
const APIGATEWAY_INVOKE_URI = /^arn:(aws[a-z-]*):apigateway:([a-z0-9-]+):lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;
/** `arn:aws:lambda:{region}:{account}:function:{name}[:{qualifier}]` */
const FUNCTION_ARN = /^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]{1,64})(:[A-Za-z0-9$_-]{1,128})?$/;
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?$/;

/**
 * Reads a Lambda URI: API Gateway's invocation URI, a bare function ARN or
 * name, or an http(s) URL. `${stageVariables.x}` is replaced first, as API
 * Gateway does (a function name or alias chosen per stage).
 */
export function parseLambdaTarget(uri: string, stageVariables: Readonly<Record<string, string>> = {}): LambdaTarget {
  const resolved = resolveStageVariables(uri, stageVariables, (name) => {
    throw new LambdaTargetError(`${uri}: stage variable "${name}" is not set on this stage`);
  });
  if (/^https?:\/\//i.test(resolved)) {
    let url: URL;
    try {
      url = new URL(resolved);
    } catch {
      throw new LambdaTargetError(`${resolved} is not a valid URL`);
    }
    return { kind: "url", url: url.href };
  }
  const invokeUri = APIGATEWAY_INVOKE_URI.exec(resolved);
  const functionRef = invokeUri ? decodeURIComponent(invokeUri[3]) : resolved;
  const arn = FUNCTION_ARN.exec(functionRef);
  if (arn) return { kind: "function", functionName: functionRef, region: arn[2] };
  if (FUNCTION_NAME.test(functionRef)) {
    return { kind: "function", functionName: functionRef, region: invokeUri ? invokeUri[2] : null };
  }
  throw new LambdaTargetError(
    `${resolved} names no Lambda function: expected arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations, a function ARN, or an http(s) URL`,
  );
}

/**
 * Why a URI names no Lambda function; null when it names one. Stage
 * variables are resolved per stage, when a snapshot is pushed, so any value
 * stands in for them here (the console checks URIs before any stage exists).
 */
export function lambdaUriProblem(uri: string): string | null {
  try {
    parseLambdaTarget(fillStageVariables(uri, "stage"));
    return null;
  } catch (error) {
    if (error instanceof LambdaTargetError) return error.message;
    throw error;
  }
}

/** The text a log or an error shows for a target. */
export function describeLambdaTarget(target: LambdaTarget): string {
  return target.kind === "url" ? target.url : target.functionName;
}
