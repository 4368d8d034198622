import type { z } from "zod";
import type { ZodOpenApiOperationObject } from "zod-openapi";

import { ErrorResponseSchema } from "@/lib/schemas/common";

// Building blocks for documenting an operation of /api/v1: the error
// responses in the one error shape, JSON bodies and success responses.

export type Status = "400" | "401" | "403" | "404" | "409" | "413" | "415" | "422" | "429" | "500" | "502";

const ERROR_DESCRIPTIONS: Record<Status, string> = {
  "400": "Malformed request (for example a body that is not valid JSON).",
  "401": "Not signed in: no session cookie or API token, or one that is unknown, expired or revoked (`unauthenticated`).",
  "403":
    "Signed in, but your role (or the token's) does not allow this, or a cookie-authenticated change came from another origin (`forbidden`).",
  "404": "The API, resource, method or model does not exist.",
  "409": "The change conflicts with the current state (duplicate, children present, in use).",
  "413": "The request body is too large.",
  "415": "The body was not sent as application/json.",
  "422": "One or more fields are invalid; `details` lists each one.",
  "429": "Too many attempts; wait for the seconds in Retry-After.",
  "500": "Unexpected server error; quote `requestId` when reporting it.",
  "502": "A service the console depends on (such as the single sign-on provider) could not be reached (`bad_gateway`).",
};

export function errors(...statuses: Status[]): ZodOpenApiOperationObject["responses"] {
  const all: Status[] = [...new Set<Status>([...statuses, "500"])];
  return Object.fromEntries(
    all.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status], content: { "application/json": { schema: ErrorResponseSchema } } },
    ]),
  );
}

export function ok(status: "200" | "201", description: string, schema: z.ZodType) {
  return { [status]: { description, content: { "application/json": { schema } } } };
}

export const noContent = { "204": { description: "Deleted." } };

export function jsonBody(schema: z.ZodType) {
  return { required: true, content: { "application/json": { schema } } };
}

export const BODY_ERRORS: Status[] = ["400", "413", "415", "422"];
