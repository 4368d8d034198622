import { ApiError } from "@/components/lib/api-client";
import type { ApiSummary } from "@/components/apis/types";
import type { ImportReportEntry } from "@/lib/openapi/model";
import { detectFormat } from "@/lib/openapi/parse";
import { DocumentRejectedError, type DocumentProblem } from "@/lib/openapi/problems";

// The OpenAPI endpoints exchange documents as text (YAML or JSON), which the
// console's JSON client does not send or read, and a rejected document comes
// back with line and column for each problem, which the editor needs whole.

export type ImportMode = "new" | "merge" | "overwrite";
export type ExportSelection = { format: "oas30" | "oas31" | "swagger2"; extensions: "aws" | "none"; type: "json" | "yaml" };

export interface ImportOutcome {
  api: ApiSummary;
  report: ImportReportEntry[];
}

const apiPath = (apiId: string) => `/api/v1/apis/${encodeURIComponent(apiId)}`;

export function exportUrl(apiId: string, selection: ExportSelection): string {
  const query = new URLSearchParams(selection).toString();
  return `${apiPath(apiId)}/export?${query}`;
}

/** The API's current definition as a document, and the file name the server suggests. */
export async function fetchExport(
  apiId: string,
  selection: ExportSelection,
  signal?: AbortSignal,
): Promise<{ text: string; filename: string }> {
  const response = await send(exportUrl(apiId, selection), { signal, headers: { accept: "application/yaml, application/json" } });
  if (!response.ok) throw await toApiError(response);
  const disposition = response.headers.get("content-disposition") ?? "";
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `openapi.${selection.type}`;
  return { text: await response.text(), filename };
}

export async function importDocument(options: {
  text: string;
  mode: ImportMode;
  apiId?: string;
  failOnWarnings?: boolean;
}): Promise<ImportOutcome> {
  const query = new URLSearchParams({ mode: options.mode });
  if (options.apiId) query.set("apiId", options.apiId);
  if (options.failOnWarnings) query.set("failOnWarnings", "true");
  const contentType = detectFormat(options.text) === "json" ? "application/json" : "application/yaml";
  const response = await send(`/api/v1/apis/import?${query}`, {
    method: "POST",
    headers: { accept: "application/json", "content-type": contentType },
    body: options.text,
  });
  if (response.ok) return (await response.json()) as ImportOutcome;
  const payload = await readJson(response);
  const error = isRecord(payload) && isRecord(payload.error) ? payload.error : null;
  // The server refused the document: the same error the live analysis throws, so the editor marks both alike.
  if (response.status === 400 && error?.code === "invalid_document") {
    const problems = Array.isArray(error.details) ? error.details.filter(isRecord).map(toProblem) : [];
    throw new DocumentRejectedError(typeof error.message === "string" ? error.message : "The document was rejected.", problems);
  }
  throw errorFromPayload(response, error);
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({
      status: 0,
      code: "network_error",
      message: "Could not reach the Portico server. Check that it is running and try again.",
    });
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const payload = await readJson(response);
  return errorFromPayload(response, isRecord(payload) && isRecord(payload.error) ? payload.error : null);
}

function errorFromPayload(response: Response, error: Record<string, unknown> | null): ApiError {
  return new ApiError({
    status: response.status,
    code: typeof error?.code === "string" ? error.code : "http_error",
    message: typeof error?.message === "string" ? error.message : `The server answered ${response.status}. Try again in a moment.`,
  });
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status alone has to do.
    return null;
  }
}

function toProblem(detail: Record<string, unknown>): DocumentProblem {
  const problem: DocumentProblem = { message: typeof detail.message === "string" ? detail.message : "Invalid document" };
  // The server sends each problem's JSON pointer as the detail's path.
  if (typeof detail.path === "string" && detail.path !== "") problem.pointer = detail.path;
  if (typeof detail.line === "number") problem.line = detail.line;
  if (typeof detail.column === "number") problem.column = detail.column;
  return problem;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
