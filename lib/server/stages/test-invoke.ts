import "server-only";

import { env } from "@/lib/env";
import { badRequest } from "@/lib/errors/api-error";
import type { TestInvokeBody, TestInvokeResult } from "@/lib/schemas/stage";
import { prisma, type Db } from "@/lib/server/db";

import { findStageOrThrow, invokeUrl } from "./stage-row";

const MAX_BODY_CHARS = 64 * 1024;
const TIMEOUT_MS = 30_000;
/** Headers the console sets itself or that would change the connection, not the request. */
const DROPPED_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive", "upgrade", "te", "trailer"]);

/**
 * Sends one request to the stage's invoke URL on the configured gateway.
 * The URL is built from PUBLIC_GATEWAY_URL, the API id and the stage name
 * only, and checked after resolution, so the caller's path cannot point the
 * console at another host or another API.
 */
export async function testInvokeStage(
  { apiId, stageName, input }: { apiId: string; stageName: string; input: TestInvokeBody },
  db: Db = prisma,
): Promise<TestInvokeResult> {
  await findStageOrThrow({ apiId, stageName }, db);
  const base = invokeUrl(apiId, stageName);
  const url = new URL(`${base}${input.path === "/" ? "/" : input.path}`);
  const expected = new URL(base);
  if (url.origin !== expected.origin || !`${url.pathname}/`.startsWith(`${expected.pathname}/`)) {
    throw badRequest("The path must stay inside the stage: use a path such as /pets/1");
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(input.headers)) {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) headers.set(name, value);
  }
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(url, {
      method: input.method,
      headers,
      body: input.method === "GET" || input.method === "HEAD" ? undefined : input.body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    throw badRequest(
      `The gateway at ${env.PUBLIC_GATEWAY_URL} did not answer (${cause?.code ?? (error as Error).name}); check that a gateway node runs there, or set PUBLIC_GATEWAY_URL`,
    );
  }
  const text = await response.text();
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  return {
    url: url.toString(),
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: text.slice(0, MAX_BODY_CHARS),
    truncated: text.length > MAX_BODY_CHARS,
    latencyMs,
  };
}
