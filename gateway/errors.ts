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
  constructor(
    readonly status: number,
    readonly message: string,
    /** Stable machine-readable cause, used in logs and metrics. */
    readonly code: string,
    /** Extra response headers as a flat [name, value, ...] list. */
    readonly headers: readonly string[] = [],
    body?: string,
  ) {
    this.body = Buffer.from(body ?? JSON.stringify({ message }));
  }

  withHeaders(headers: readonly string[]): GatewayError {
    return new GatewayError(this.status, this.message, this.code, [...this.headers, ...headers], this.body.toString());
  }
}

export const errors = {
  notFound: new GatewayError(404, "Not Found", "not_found"),
  forbidden: new GatewayError(403, "Forbidden", "forbidden"),
  throttled: new GatewayError(429, "Too Many Requests", "throttled"),
  quotaExceeded: new GatewayError(429, "Limit Exceeded", "quota_exceeded"),
  payloadTooLarge: new GatewayError(413, "Request Entity Too Large", "payload_too_large", ["connection", "close"]),
  badGateway: new GatewayError(502, "Bad Gateway", "bad_gateway"),
  timeout: new GatewayError(504, "Endpoint request timed out", "upstream_timeout"),
  internal: new GatewayError(500, "Internal server error", "internal"),
  storeUnavailable: new GatewayError(503, "Service Unavailable", "store_unavailable"),
  badRequest: new GatewayError(400, "Bad Request", "bad_request"),
} as const;

export function methodNotAllowed(allowed: readonly string[]): GatewayError {
  return new GatewayError(405, "Method Not Allowed", "method_not_allowed", ["allow", allowed.join(", ")]);
}

export function validationError(message: string): GatewayError {
  return new GatewayError(400, message, "invalid_request");
}

/** 429 with Retry-After in whole seconds (at least 1: clients treat 0 as "now"). */
export function withRetryAfter(error: GatewayError, retryAfterMs: number): GatewayError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GatewayError(error.status, error.message, error.code, ["retry-after", String(seconds)], error.body.toString());
}
