import { request } from "undici";
import { z } from "zod";
import { httpMethodSchema, parseSnapshot } from "@/lib/contracts";
import { CompileError } from "../compile/compile-error";
import { compileStage, type CompileEnv } from "../compile/compile-stage";
import type { LiveState } from "../live-state";
import { isTextMediaType, mediaTypeOf } from "../integrations/mapping/media";
import type { IntegrationTrace } from "../pipeline";

// API Gateway's test invoke: one request through a route as the console
// holds it, without deploying it. The snapshot is compiled under a stage of
// its own, served for the one request through the node's real proxy, and
// removed; its integrations record what they send and receive.

/** The stage a test invocation is served under, one at a time per API. */
export const TEST_STAGE = "__test-invoke";
const MAX_SHOWN_BODY_BYTES = 1024 * 1024;

export const testInvokeSchema = z.object({
  snapshot: z.unknown(),
  request: z.object({
    method: httpMethodSchema,
    path: z.string().startsWith("/", "path starts with /").max(2048),
    query: z.string().max(8192).default(""),
    headers: z.record(z.string().min(1).max(256), z.string().max(8192)).default({}),
    body: z
      .string()
      .max(10 * 1024 * 1024)
      .default(""),
  }),
});

export interface TestStep {
  step: string;
  /** Milliseconds since the request started. */
  atMs: number;
  detail: Record<string, unknown>;
}

export interface TestInvokeResult {
  response: { status: number; headers: Record<string, string | string[]>; body: string; base64: boolean };
  steps: TestStep[];
  latencyMs: number;
}

export type TestInvokeOutcome =
  { ok: true; result: TestInvokeResult } | { ok: false; status: number; code: string; message: string; details?: unknown };

export interface TestInvokerDeps {
  compileEnv: CompileEnv;
  state: LiveState;
  proxyUrl: () => string;
}

export function createTestInvoker(deps: TestInvokerDeps): (input: unknown) => Promise<TestInvokeOutcome> {
  const running = new Map<string, Promise<unknown>>();

  async function invoke(input: unknown): Promise<TestInvokeOutcome> {
    const parsed = testInvokeSchema.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        status: 400,
        code: "invalid_request",
        message: "The test invocation is not valid.",
        details: parsed.error.issues,
      };
    }
    const snapshot = parseSnapshot(parsed.data.snapshot);
    if (!snapshot.success) {
      return { ok: false, status: 400, code: "invalid_document", message: "The snapshot is not valid.", details: snapshot.error.issues };
    }
    const document = { ...snapshot.data, stage: TEST_STAGE, canary: undefined };
    if (deps.state.getStage(document.apiId, TEST_STAGE)?.trace === null) {
      return {
        ok: false,
        status: 409,
        code: "conflict",
        message: `${document.apiId} has a real stage named ${TEST_STAGE}; test invocations need that name.`,
      };
    }
    const steps: TestStep[] = [];
    const started = performance.now();
    const trace: IntegrationTrace = {
      record: (step, detail) => void steps.push({ step, atMs: Math.round((performance.now() - started) * 10) / 10, detail }),
    };
    let compiled;
    try {
      compiled = compileStage(document, "test-invoke", deps.compileEnv, null, trace);
    } catch (error) {
      if (error instanceof CompileError) {
        return { ok: false, status: 400, code: "invalid_document", message: "The route cannot be compiled.", details: error.issues };
      }
      throw error;
    }
    const { method, path, query, headers, body } = parsed.data.request;
    deps.state.setStage(compiled);
    try {
      const response = await request(`${deps.proxyUrl()}/${document.apiId}/${TEST_STAGE}${path}${query === "" ? "" : `?${query}`}`, {
        method,
        headers,
        body: method === "GET" || method === "HEAD" ? undefined : body,
        headersTimeout: 60_000,
        bodyTimeout: 60_000,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        if (size < MAX_SHOWN_BODY_BYTES) chunks.push(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      const bytes = Buffer.concat(chunks).subarray(0, MAX_SHOWN_BODY_BYTES);
      const contentType = response.headers["content-type"];
      const text = contentType === undefined || isTextMediaType(mediaTypeOf(String(contentType)));
      const shownHeaders: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) shownHeaders[name] = value;
      return {
        ok: true,
        result: {
          response: {
            status: response.statusCode,
            headers: shownHeaders,
            body: text ? bytes.toString("utf8") : bytes.toString("base64"),
            base64: !text,
          },
          steps,
          latencyMs: Math.round((performance.now() - started) * 10) / 10,
        },
      };
    } finally {
      if (deps.state.getStage(document.apiId, TEST_STAGE) === compiled) deps.state.deleteStage(document.apiId, TEST_STAGE);
    }
  }

  // One invocation per API at a time: they share the API's test stage.
  return async (input) => {
    const apiId =
      typeof (input as { snapshot?: { apiId?: unknown } })?.snapshot?.apiId === "string"
        ? (input as { snapshot: { apiId: string } }).snapshot.apiId
        : "";
    const before = running.get(apiId) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(() => invoke(input));
    running.set(apiId, mine);
    try {
      return await mine;
    } finally {
      if (running.get(apiId) === mine) running.delete(apiId);
    }
  };
}
