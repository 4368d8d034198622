import { expect } from "vitest";
import type { z } from "zod";

import type { Role } from "@/lib/schemas/auth";
import { ErrorResponseSchema, type ErrorResponse } from "@/lib/schemas/common";
import { testPrincipal } from "@/test/support/principals";

// Calls route handlers the way Next.js does, without a server: a real
// Request in, the handler's Response out. Answers are parsed with the API's
// own response schemas, so every test also checks that the documented
// shapes are the ones served.

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export type CallOptions<P> = {
  params?: P;
  query?: Record<string, string>;
  body?: unknown;
  /** A raw body sent as is (for malformed JSON). */
  rawBody?: string;
  /** Content-Type of the body; null sends none. */
  contentType?: string | null;
  headers?: Record<string, string>;
  /** Who calls: a role's shared test user through its API token (admin by default), or nobody. */
  as?: Role | "anonymous";
};

export type CallResult = { status: number; body: unknown; headers: Headers };

export async function call<P>(method: string, handler: Handler<P>, options: CallOptions<P> = {}): Promise<CallResult> {
  const url = new URL("http://127.0.0.1:3000/api/v1/test");
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.append(key, value);
  const headers = new Headers(options.headers);
  const as = options.as ?? "admin";
  if (as !== "anonymous" && !headers.has("authorization")) headers.set("authorization", `Bearer ${(await testPrincipal(as)).token}`);
  let body: string | undefined;
  if (options.rawBody !== undefined || options.body !== undefined) {
    body = options.rawBody ?? JSON.stringify(options.body);
    if (options.contentType !== null) headers.set("content-type", options.contentType ?? "application/json");
  }
  const response = await handler(new Request(url, { method, headers, body }), {
    params: Promise.resolve((options.params ?? {}) as P),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: response.headers };
}

/** Asserts the status and parses the body with the schema the OpenAPI document gives for it. */
export function expectOk<S extends z.ZodType>(result: CallResult, status: number, schema: S): z.output<S> {
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  return schema.parse(result.body);
}

/** Asserts an error answer in the one error shape and returns its error object. */
export function expectError(result: CallResult, status: number, code?: string): ErrorResponse["error"] {
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  const { error } = ErrorResponseSchema.parse(result.body);
  if (code) expect(error.code).toBe(code);
  return error;
}

/** The paths named by an error's details, sorted. */
export function detailPaths(error: ErrorResponse["error"]): string[] {
  return (error.details ?? []).map((detail) => detail.path).sort();
}
