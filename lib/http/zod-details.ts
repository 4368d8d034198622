import type { z } from "zod";

import type { ErrorDetail } from "@/lib/schemas/common";

function joinPath(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join(".");
}

/** Every failing field of a ZodError, one detail per field, unknown fields named one by one. */
export function zodErrorDetails(error: z.ZodError): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        details.push({
          path: joinPath([...issue.path, key]),
          message: `Unknown field "${key}"; remove it (field names are case-sensitive)`,
        });
      }
      continue;
    }
    const path = joinPath(issue.path);
    const missing = issue.code === "invalid_type" && /received undefined$/.test(issue.message);
    details.push({ path, message: missing ? `${path || "value"} is required` : issue.message });
  }
  return details;
}

/** One sentence naming the failing fields, for the error's message. */
export function summarizeDetails(details: ErrorDetail[]): string {
  const fields = [...new Set(details.map((detail) => detail.path || "(body)"))];
  if (fields.length === 1 && details.length === 1) {
    const [only] = details;
    return only.path ? `${only.path}: ${only.message}` : only.message;
  }
  return `The request has invalid fields: ${fields.join(", ")}. See details for each one.`;
}
