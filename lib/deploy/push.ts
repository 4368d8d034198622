import "server-only";

import type { Consumers, Snapshot } from "@/lib/contracts";

/** What a push carries: one stage's snapshot (null removes the stage) or the consumers document. */
export type PushDocument =
  | { kind: "stage"; apiId: string; stage: string; snapshot: Snapshot | null /* null = delete */ }
  | { kind: "consumers"; document: Consumers };

/** A gateway node's admin API, as the console knows it, with the admin token to present to it (and to no other). */
export type PushTarget = { nodeId: string; name: string; adminUrl: string; adminToken: string };

export type NodePushResult = {
  nodeId: string;
  name: string;
  adminUrl: string;
  status: "applied" | "failed" | "timeout";
  /** What the node serves after the push; null when it failed or the stage was removed. */
  hash: string | null;
  ms: number;
  error?: string;
};

export type PushOptions = {
  /** Deadline per node, retries included. */
  timeoutMs?: number;
  /** Further attempts after a failed one (network errors and 5xx answers only). */
  retries?: number;
  /**
   * Called once per node with its final result, as soon as it is known; the
   * push resolves only after every call settled. A call that throws does not
   * change the results.
   */
  onResult?: (result: NodePushResult) => void | Promise<void>;
};

export const DEFAULT_PUSH_TIMEOUT_MS = 5_000;
export const DEFAULT_PUSH_RETRIES = 3;
const FIRST_BACKOFF_MS = 100;

/** Key of a pushed document in GatewayNode.served. */
export function servedKey(doc: PushDocument): string {
  return doc.kind === "consumers" ? "consumers" : `${doc.apiId}/${doc.stage}`;
}

type Attempt = { kind: "done"; hash: string | null } | { kind: "retry"; error: string } | { kind: "fatal"; error: string };

function describeAnswer(status: number, body: unknown): string {
  const error = (body as { error?: { message?: unknown } } | null)?.error;
  const message = typeof error?.message === "string" ? error.message : "";
  return `the node answered ${status}${message === "" ? "" : `: ${message}`}`.slice(0, 1000);
}

async function attemptPush(target: PushTarget, doc: PushDocument, signal: AbortSignal): Promise<Attempt> {
  const base = target.adminUrl.replace(/\/+$/, "");
  const url =
    doc.kind === "consumers"
      ? `${base}/v1/consumers`
      : `${base}/v1/apis/${encodeURIComponent(doc.apiId)}/stages/${encodeURIComponent(doc.stage)}`;
  const removing = doc.kind === "stage" && doc.snapshot === null;
  const payload = doc.kind === "consumers" ? doc.document : doc.snapshot;
  const headers: Record<string, string> = { authorization: `Bearer ${target.adminToken}` };
  if (!removing) headers["content-type"] = "application/json";

  let response: Response;
  try {
    response = await fetch(url, {
      method: removing ? "DELETE" : "PUT",
      headers,
      body: removing ? undefined : JSON.stringify(payload),
      signal,
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: "retry", error: `could not reach the node (${cause?.code ?? cause?.message ?? (error as Error).message})` };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // An answer without a JSON body is judged by its status alone.
  }
  if (response.ok) {
    const hash = (body as { hash?: unknown } | null)?.hash;
    return { kind: "done", hash: typeof hash === "string" ? hash : null };
  }
  // Removing a stage the node never had leaves it in the wanted state.
  if (removing && response.status === 404) return { kind: "done", hash: null };
  if (response.status === 401) {
    return {
      kind: "fatal",
      error: "the node refused the admin token; set GATEWAY_ADMIN_TOKEN to the token the node was started with",
    };
  }
  if (response.status >= 500) return { kind: "retry", error: describeAnswer(response.status, body) };
  return { kind: "fatal", error: describeAnswer(response.status, body) };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One node: attempts with exponential backoff until applied, refused, out of retries or past the deadline. */
async function pushToNode(target: PushTarget, doc: PushDocument, timeoutMs: number, retries: number): Promise<NodePushResult> {
  const started = performance.now();
  const deadline = started + timeoutMs;
  const result = (status: NodePushResult["status"], hash: string | null, error?: string): NodePushResult => ({
    nodeId: target.nodeId,
    name: target.name,
    adminUrl: target.adminUrl,
    status,
    hash,
    ms: Math.round(performance.now() - started),
    ...(error === undefined ? {} : { error }),
  });

  let lastError = "no attempt was made";
  for (let attempt = 0; attempt <= retries; attempt++) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) break;
    const signal = AbortSignal.timeout(Math.max(1, Math.round(remaining)));
    let outcome: Attempt;
    try {
      outcome = await attemptPush(target, doc, signal);
    } catch (error) {
      outcome = { kind: "retry", error: (error as Error).message };
    }
    if (outcome.kind === "done") return result("applied", outcome.hash);
    if (outcome.kind === "fatal") return result("failed", null, outcome.error);
    lastError = outcome.error;
    if (signal.aborted) break;
    const backoff = FIRST_BACKOFF_MS * 2 ** attempt;
    if (attempt < retries && performance.now() + backoff < deadline) await delay(backoff);
    else if (attempt < retries) break;
  }
  if (performance.now() >= deadline - 1) {
    return result("timeout", null, `no acknowledgement within ${timeoutMs} ms (last problem: ${lastError})`);
  }
  return result("failed", null, `${lastError}; gave up after ${retries + 1} attempts`);
}

/**
 * Pushes one document to the given nodes in parallel and resolves once each
 * node acknowledged, refused or timed out. Never throws for a node's failure:
 * each result says what happened.
 */
export async function pushToNodes(doc: PushDocument, targets: PushTarget[], options: PushOptions = {}): Promise<NodePushResult[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PUSH_TIMEOUT_MS;
  const retries = options.retries ?? DEFAULT_PUSH_RETRIES;
  return Promise.all(
    targets.map(async (target) => {
      const result = await pushToNode(target, doc, timeoutMs, retries);
      try {
        await options.onResult?.(result);
      } catch {
        // The push itself succeeded or failed as reported; what the caller
        // does with the result (bookkeeping) must not turn it into a failure.
      }
      return result;
    }),
  );
}
