import { z } from "zod";

// Building blocks shared by every resource's schemas. This module (like all of
// lib/schemas) has no server imports, so forms in the browser can reuse it.

/** One failing field: a dotted path ("integration.uri", "requestParameters.0.name") and what is wrong with it. */
export const ErrorDetailSchema = z
  .object({
    path: z.string().meta({
      description:
        "Dotted path of the failing field; empty for the body as a whole. For a rejected OpenAPI document, the JSON pointer of the problem in the document.",
    }),
    message: z.string(),
    line: z.number().int().optional().meta({ description: "For a rejected document: 1-based line of the problem in the text." }),
    column: z.number().int().optional().meta({ description: "For a rejected document: 1-based column of the problem in the text." }),
  })
  .meta({ id: "ErrorDetail" });

export const ERROR_CODES = [
  "bad_request",
  "invalid_document",
  "unauthorized",
  "unauthenticated",
  "forbidden",
  "too_many_requests",
  "validation_failed",
  "not_found",
  "conflict",
  "has_children",
  "unsupported_media_type",
  "payload_too_large",
  "method_not_allowed",
  "internal_error",
  "bad_gateway",
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The one error shape of the API. */
export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: ErrorCodeSchema,
      message: z.string().meta({ description: "What was wrong and what to do about it." }),
      details: z.array(ErrorDetailSchema).optional(),
      requestId: z.string().optional().meta({ description: "Present on internal errors; quote it when reporting a problem." }),
    }),
  })
  .meta({ id: "ErrorResponse" });

export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export const cursorSchema = z.string().min(1).max(4096).meta({ description: "Opaque cursor from a previous page's nextCursor." });

export const limitSchema = z.coerce
  .number({ error: "limit must be a whole number" })
  .int("limit must be a whole number")
  .min(1, "limit must be at least 1")
  .max(MAX_PAGE_SIZE, `limit must be at most ${MAX_PAGE_SIZE}`);

/** A page of a list: items in a stable order and the cursor of the next page (null on the last page). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export type Page<T> = { items: T[]; nextCursor: string | null };

export const timestampSchema = z.iso.datetime().meta({ description: "ISO 8601 timestamp (UTC)." });

/** Ids are opaque strings; the bound only keeps nonsense out of queries. */
export const idSchema = z.string().min(1).max(64);

/** Trims, then requires a non-empty name of at most `max` characters. */
export function nameSchema(max: number, label = "name") {
  return z.string().trim().min(1, `${label} must not be empty`).max(max, `${label} must be at most ${max} characters`);
}

export function descriptionSchema(max = 1024) {
  return z.string().max(max, `description must be at most ${max} characters`);
}
