import { ZodError } from "zod";

import { ApiError } from "@/lib/errors/api-error";
import { isDocumentRejectedError } from "@/lib/openapi/problems";
import type { ErrorResponse } from "@/lib/schemas/common";
import type { InvalidDocumentResponse } from "@/lib/schemas/import-export";
import { translateDatabaseError } from "@/lib/server/errors/translate-database-error";

import { summarizeDetails, zodErrorDetails } from "./zod-details";

export type ErrorContext = { requestId: string; method: string; path: string };

function errorResponse(error: ApiError, requestId: string, headers?: HeadersInit): Response {
  const body: ErrorResponse = { error: { code: error.code, message: error.message } };
  if (error.details && error.details.length > 0) body.error.details = error.details;
  if (error.code === "internal_error") body.error.requestId = requestId;
  return Response.json(body, { status: error.status, headers });
}

/** Turns anything a handler threw into the one error shape. Unknown errors are logged and never echoed. */
export function handleApiError(error: unknown, context: ErrorContext): Response {
  const headers = { "x-request-id": context.requestId };
  if (error instanceof ApiError) {
    return errorResponse(error, context.requestId, { ...headers, ...error.headers });
  }
  if (isDocumentRejectedError(error)) {
    // Each problem's JSON pointer is its detail's path, with the line and column when known, so the editor can mark each one.
    const details = error.problems.map(({ pointer, line, column, message }) => ({
      path: pointer ?? "",
      message,
      ...(line === undefined ? {} : { line }),
      ...(column === undefined ? {} : { column }),
    }));
    const body: InvalidDocumentResponse = { error: { code: "invalid_document", message: error.message, details } };
    return Response.json(body, { status: 400, headers: { ...headers, "cache-control": "no-store" } });
  }
  if (error instanceof ZodError) {
    const details = zodErrorDetails(error);
    return errorResponse(new ApiError("validation_failed", summarizeDetails(details), details), context.requestId, headers);
  }
  const translated = translateDatabaseError(error);
  if (translated) return errorResponse(translated, context.requestId, headers);

  // One JSON line, so that log collectors can find the request by its id.
  console.error(
    JSON.stringify({
      level: "error",
      msg: "unhandled error in API route",
      requestId: context.requestId,
      method: context.method,
      path: context.path,
      error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
    }),
  );
  return errorResponse(
    new ApiError("internal_error", `Something went wrong on the server. If it persists, report it with request id ${context.requestId}.`),
    context.requestId,
    headers,
  );
}
