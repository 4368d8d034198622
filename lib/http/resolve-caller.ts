import { ApiError } from "./api-error";

/** Who is calling. Audit events record `actor`. */
export type Caller = { actor: string };

export const ACTOR_HEADER = "x-portico-actor";
export const DEFAULT_ACTOR = "console";

const PRINTABLE = /^[\x20-\x7E]{1,255}$/;

/**
 * The one place that decides who a request comes from. There is no sign-in
 * yet: every caller acts as the local console, and scripts may name
 * themselves in the x-portico-actor header so the audit trail tells them
 * apart. Authentication and permission checks belong here when they come.
 */
export function resolveCaller(request: Request): Caller {
  const named = request.headers.get(ACTOR_HEADER)?.trim();
  if (named === undefined || named === "") return { actor: DEFAULT_ACTOR };
  if (!PRINTABLE.test(named)) {
    throw new ApiError("bad_request", `${ACTOR_HEADER} must be 1 to 255 printable ASCII characters; fix or omit the header`, [
      { path: ACTOR_HEADER, message: "must be 1 to 255 printable ASCII characters" },
    ]);
  }
  return { actor: named };
}
