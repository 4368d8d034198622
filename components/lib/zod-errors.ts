import type { z } from "zod";
import type { FieldErrors } from "./api-client";

/**
 * Runs a zod schema in the browser and returns the first message per field,
 * keyed the same way as the server's 422 details, so one lookup serves both.
 */
export function validateFields(schema: z.ZodType, value: unknown): FieldErrors {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join(".");
    if (!(path in errors)) errors[path] = issue.message;
  }
  return errors;
}
