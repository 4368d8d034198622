// A small typed client for the console's own JSON API (/api/v1). Every
// failure becomes an ApiError carrying the server's code, message and
// per-field details, so forms can show each message under the right field.

export type FieldIssue = { path: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldIssue[];

  constructor(options: { status: number; code: string; message: string; details?: FieldIssue[] }) {
    super(options.message);
    this.name = "ApiError";
    this.status = options.status;
    this.code = options.code;
    this.details = options.details ?? [];
  }

  /** Messages keyed by dotted field path ("integration.uri", "requestParameters.0.name"). */
  get fieldErrors(): FieldErrors {
    return issuesToFieldErrors(this.details);
  }
}

export type FieldErrors = Record<string, string>;

/** Keeps the first message per field: the first failing rule is the one to fix first. */
export function issuesToFieldErrors(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (!(issue.path in errors)) errors[issue.path] = issue.message;
  }
  return errors;
}

/** Server details may name a field as "a.b", "/a/b" (JSON pointer) or ["a", "b"]. */
export function normalizeIssuePath(path: unknown): string {
  if (Array.isArray(path)) return path.map(String).join(".");
  if (typeof path !== "string") return "";
  return path.replace(/^\//, "").replace(/\//g, ".");
}

type Query = Record<string, string | number | boolean | undefined | null>;

export type RequestOptions = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
};

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function readErrorBody(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // A proxy or a crash may answer with HTML or nothing; fall through to a generic message.
  }
  const error = isRecord(payload) && isRecord(payload.error) ? payload.error : null;
  if (!error) {
    return new ApiError({
      status: response.status,
      code: "http_error",
      message: `The server answered ${response.status} ${response.statusText || ""}`.trim() + ". Try again in a moment.",
    });
  }
  const details = Array.isArray(error.details)
    ? error.details.filter(isRecord).map((detail) => ({
        path: normalizeIssuePath(detail.path ?? detail.pointer),
        message: typeof detail.message === "string" ? detail.message : "Invalid value",
      }))
    : [];
  return new ApiError({
    status: response.status,
    code: typeof error.code === "string" ? error.code : "error",
    message: typeof error.message === "string" ? error.message : "The request failed.",
    details,
  });
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", query, body, signal } = options;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      signal,
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({
      status: 0,
      code: "network_error",
      message: "Could not reach the Portico server. Check that it is running and try again.",
    });
  }
  if (!response.ok) throw await readErrorBody(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A message fit for a toast or an error panel, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong. Try again.";
}
