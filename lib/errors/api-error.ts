import type { ErrorCode, ErrorDetail } from "@/lib/schemas/common";

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_document: 400,
  unauthorized: 401,
  unauthenticated: 401,
  forbidden: 403,
  too_many_requests: 429,
  validation_failed: 422,
  not_found: 404,
  conflict: 409,
  has_children: 409,
  unsupported_media_type: 415,
  payload_too_large: 413,
  method_not_allowed: 405,
  internal_error: 500,
  bad_gateway: 502,
};

/**
 * An error meant for the caller: its message is shown as is, so it must say
 * what was wrong and what to do. Anything else thrown becomes a generic 500.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: ErrorDetail[];
  /** Headers the answer must carry (Retry-After, WWW-Authenticate). */
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, details?: ErrorDetail[], headers: Record<string, string> = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.details = details;
    // HTTP requires a 401 to name the scheme the client should authenticate with.
    this.headers = this.status === 401 ? { "www-authenticate": "Bearer", ...headers } : headers;
  }
}

export function notFound(message: string, details?: ErrorDetail[]): ApiError {
  return new ApiError("not_found", message, details);
}

export function conflict(message: string, details?: ErrorDetail[]): ApiError {
  return new ApiError("conflict", message, details);
}

/** A 422 about one field, for rules a schema cannot check (they need the database). */
export function invalidField(path: string, message: string): ApiError {
  return new ApiError("validation_failed", message, [{ path, message }]);
}

/** A 401: the caller's credentials are missing or wrong. */
export function unauthorized(message: string, details?: ErrorDetail[]): ApiError {
  return new ApiError("unauthorized", message, details);
}

export function badRequest(message: string, details?: ErrorDetail[]): ApiError {
  return new ApiError("bad_request", message, details);
}

/** A 401 for a request that carries no valid session or token. */
export function unauthenticated(
  message = "Sign in first: send a session cookie, or an API token as 'Authorization: Bearer <token>'",
): ApiError {
  return new ApiError("unauthenticated", message);
}

/** A 403: the caller is known but may not do this; the message says what it takes. */
export function forbidden(message: string, details?: ErrorDetail[]): ApiError {
  return new ApiError("forbidden", message, details);
}
