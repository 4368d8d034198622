import type { ErrorCode, ErrorDetail } from "@/lib/schemas/common";

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_document: 400,
  unauthorized: 401,
  validation_failed: 422,
  not_found: 404,
  conflict: 409,
  has_children: 409,
  unsupported_media_type: 415,
  payload_too_large: 413,
  method_not_allowed: 405,
  internal_error: 500,
};

/**
 * An error meant for the caller: its message is shown as is, so it must say
 * what was wrong and what to do. Anything else thrown becomes a generic 500.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: ErrorDetail[];

  constructor(code: ErrorCode, message: string, details?: ErrorDetail[]) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.details = details;
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
