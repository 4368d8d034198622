import "server-only";

import type { z } from "zod";

import type { PushTarget } from "@/lib/deploy/push";

export type NodeJsonAnswer<T> = { ok: true; body: T; ms: number } | { ok: false; error: string; ms: number };

/**
 * GETs a path of a node's admin API with the node's admin token and parses
 * the answer with a contract schema; never throws: failures are answers
 * that say what went wrong (shown to operators, who can act on them).
 */
export async function fetchNodeJson<S extends z.ZodType>(
  node: PushTarget,
  pathAndQuery: string,
  schema: S,
  timeoutMs: number,
): Promise<NodeJsonAnswer<z.output<S>>> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(`${node.adminUrl.replace(/\/+$/, "")}${pathAndQuery}`, {
      headers: { authorization: `Bearer ${node.adminToken}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      const error =
        response.status === 401
          ? "the node refused the admin token (check GATEWAY_ADMIN_TOKEN, or register the node again)"
          : response.status === 404
            ? "the node does not serve traffic data yet (update the gateway)"
            : `the node answered ${response.status}`;
      return { ok: false, error, ms: ms() };
    }
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success)
      return { ok: false, error: `the node's answer does not match the contract (${parsed.error.issues[0]?.message})`, ms: ms() };
    return { ok: true, body: parsed.data, ms: ms() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const name = (error as Error).name;
    const reason = name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : (cause?.code ?? (error as Error).message);
    return { ok: false, error: `unreachable (${reason})`, ms: ms() };
  }
}
