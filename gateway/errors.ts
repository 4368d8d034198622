import type { GatewayResponseType } from "@/lib/contracts";
import type { DenialReason } from "./auth/denial";

/**
 * Responses the gateway produces itself, in API Gateway's shape:
 * `{"message": "..."}` with its status codes and messages. Bodies are
 * serialised once, here, not per request.
 *
 * Unknown API, stage or route: 404 {"message":"Not Found"} (API Gateway
 * answers 403 "Missing Authentication Token", which misleads people into
 * debugging credentials). A path that exists with another method: 405 with
 * an Allow header.
 */
export class GatewayError {
  readonly body: Buffer;
  /** The answer carries `Connection: close`: the connection ends with it. */
  readonly closesConnection: boolean;
  constructor(
    readonly status: number,
    readonly message: string,
    /** Stable machine-readable cause, used in logs and metrics. */
    readonly code: string,
    /** Extra response headers as a flat [name, value, ...] list. */
    readonly headers: readonly string[] = [],
    body?: string,
    /** The API's gateway response that may replace this answer (status, headers, body). */
    readonly responseType: GatewayResponseType = status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX",
    /** For refusals: why, in the access log. */
    readonly reason: DenialReason | "" = "",
  ) {
    this.body = Buffer.from(body ?? JSON.stringify({ message }));
    this.closesConnection = false;
    for (let i = 0; i < headers.length; i += 2) {
      if (headers[i] === "connection" && headers[i + 1] === "close") this.closesConnection = true;
    }
  }

  withHeaders(headers: readonly string[]): GatewayError {
    return new GatewayError(
      this.status,
      this.message,
      this.code,
      [...this.headers, ...headers],
      this.body.toString(),
      this.responseType,
      this.reason,
    );
  }

  /** The same answer, refused for `reason`. Made once per reason at module load, not per request. */
  because(reason: DenialReason): GatewayError {
    return new GatewayError(this.status, this.message, this.code, this.headers, this.body.toString(), this.responseType, reason);
  }
}

/** The messages API Gateway's authorizers answer with. */
export const ACCESS_DENIED_MESSAGE = "User is not authorized to access this resource";
export const EXPLICIT_DENY_MESSAGE = "User is not authorized to access this resource with an explicit deny";

const forbidden = new GatewayError(403, "Forbidden", "forbidden", [], undefined, "INVALID_API_KEY");
const unauthorized = new GatewayError(401, "Unauthorized", "unauthorized", [], undefined, "UNAUTHORIZED");
const accessDenied = new GatewayError(403, ACCESS_DENIED_MESSAGE, "access_denied", [], undefined, "ACCESS_DENIED");
// API Gateway answers an authorizer that failed or timed out with a null message.
const authorizerFailure = new GatewayError(500, "", "authorizer_failure", [], '{"message":null}', "AUTHORIZER_FAILURE");
const authorizerConfiguration = new GatewayError(
  500,
  "",
  "authorizer_configuration_error",
  [],
  '{"message":null}',
  "AUTHORIZER_CONFIGURATION_ERROR",
);
const throttled = new GatewayError(429, "Too Many Requests", "throttled", [], undefined, "THROTTLED");

export const errors = {
  notFound: new GatewayError(404, "Not Found", "not_found", [], undefined, "RESOURCE_NOT_FOUND", "route.not-found"),
  forbidden,
  keyMissing: forbidden.because("key.missing"),
  keyUnknown: forbidden.because("key.unknown"),
  keyDisabled: forbidden.because("key.disabled"),
  keyExpired: forbidden.because("key.expired"),
  planNotAttached: forbidden.because("plan.not-attached"),
  throttled,
  keyThrottled: throttled.because("throttle.key"),
  stageThrottled: throttled.because("throttle.stage"),
  quotaExceeded: new GatewayError(429, "Limit Exceeded", "quota_exceeded", [], undefined, "QUOTA_EXCEEDED", "quota.exceeded"),
  payloadTooLarge: new GatewayError(
    413,
    "Request Entity Too Large",
    "payload_too_large",
    ["connection", "close"],
    undefined,
    "REQUEST_TOO_LARGE",
    "body.too-large",
  ),
  // Portico answers 502 for an upstream that failed (API Gateway's INTEGRATION_FAILURE defaults to 504, like a timeout).
  badGateway: new GatewayError(502, "Bad Gateway", "bad_gateway", [], undefined, "INTEGRATION_FAILURE"),
  timeout: new GatewayError(504, "Endpoint request timed out", "upstream_timeout", [], undefined, "INTEGRATION_TIMEOUT"),
  internal: new GatewayError(500, "Internal server error", "internal"),
  storeUnavailable: new GatewayError(503, "Service Unavailable", "store_unavailable", [], undefined, "DEFAULT_5XX", "store.unavailable"),
  badRequest: new GatewayError(400, "Bad Request", "bad_request", [], undefined, "BAD_REQUEST_BODY", "validation.body"),
  duplicateHost: new GatewayError(
    400,
    "Bad Request",
    "duplicate_host",
    ["connection", "close"],
    undefined,
    "DEFAULT_4XX",
    "request.duplicate-host",
  ),
  unauthorized,
  accessDenied,
  explicitDeny: new GatewayError(403, EXPLICIT_DENY_MESSAGE, "access_denied", [], undefined, "ACCESS_DENIED", "authorizer.deny"),
  authorizerFailure,
  authorizerConfiguration,
} as const;

export function methodNotAllowed(allowed: readonly string[]): GatewayError {
  return new GatewayError(
    405,
    "Method Not Allowed",
    "method_not_allowed",
    ["allow", allowed.join(", ")],
    undefined,
    "DEFAULT_4XX",
    "route.method",
  );
}

export function validationError(message: string, kind: "body" | "params" = "body"): GatewayError {
  return new GatewayError(
    400,
    message,
    "invalid_request",
    [],
    undefined,
    kind === "body" ? "BAD_REQUEST_BODY" : "BAD_REQUEST_PARAMETERS",
    kind === "body" ? "validation.body" : "validation.params",
  );
}

/** 429 with Retry-After in whole seconds (at least 1: clients treat 0 as "now"). */
export function withRetryAfter(error: GatewayError, retryAfterMs: number): GatewayError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GatewayError(
    error.status,
    error.message,
    error.code,
    ["retry-after", String(seconds)],
    error.body.toString(),
    error.responseType,
    error.reason,
  );
}
