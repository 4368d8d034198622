import type { z } from "zod";

import { ApiError } from "@/lib/errors/api-error";

/** Validates route parameters; a malformed id cannot name anything, so it is a 404. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
  throw new ApiError("not_found", `Nothing exists at this address: ${details.map((detail) => detail.message).join("; ")}`, details);
}
