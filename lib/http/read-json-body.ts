import type { z } from "zod";

import { ApiError } from "@/lib/errors/api-error";

import { readBodyText } from "./read-body";

function isJsonContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

/** "Unexpected token } in JSON at position 12" → line and column, so an editor can jump there. */
function describePosition(text: string, message: string): string {
  if (/end of JSON input/.test(message)) return ` (the body ends after ${text.length} characters, before the JSON value is complete)`;
  const position = Number(message.match(/at position (\d+)/)?.[1]);
  if (!Number.isInteger(position) || /\(line \d+ column \d+\)/.test(message)) return "";
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return ` (line ${line}, column ${column})`;
}

/** Reads and parses a JSON body: 415 if it is not declared as JSON, 413 if too large, 400 if malformed. */
export async function readJson(request: Request): Promise<unknown> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new ApiError("unsupported_media_type", "The request body must be JSON: send it with the header Content-Type: application/json");
  }
  const text = await readBodyText(request);
  if (text.trim() === "") throw new ApiError("bad_request", "The request body is empty; send a JSON object");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : "it could not be parsed";
    const message = `The request body is not valid JSON: ${reason}${describePosition(text, reason)}`;
    throw new ApiError("bad_request", message, [{ path: "", message }]);
  }
}

/** Reads a JSON body and validates it; a ZodError (→ 422) names every failing field. */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  return schema.parse(await readJson(request));
}

/** Validates the query string; repeated parameters are refused rather than silently picking one. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = new URL(request.url).searchParams;
  const query: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length > 1) {
      throw new ApiError("validation_failed", `The query parameter ${key} is given ${values.length} times; give it once`, [
        { path: key, message: "given more than once" },
      ]);
    }
    query[key] = values[0];
  }
  return schema.parse(query);
}
