import { z } from "zod";

import type { Logger } from "../logger";
import type { ControlPlaneConfig } from "./config";

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_RETRY_MS = 30_000;

const registerAnswer = z.object({
  node: z.object({ id: z.string(), approved: z.boolean().optional() }),
  heartbeatIntervalMs: z.number().int().positive(),
});
const heartbeatAnswer = z.object({ stateHash: z.string() });
const stateAnswer = z.object({
  stateHash: z.string(),
  stages: z.array(z.object({ apiId: z.string(), stage: z.string() }).passthrough()),
  consumers: z.record(z.string(), z.unknown()).nullable(),
});
const servedAnswer = z.object({
  stages: z.array(z.object({ apiId: z.string(), stage: z.string(), hash: z.string() })),
  consumers: z.object({ hash: z.string() }).nullable(),
});

export interface ControlPlaneClient {
  /** Resolves after the first successful pull, or rejects when stopped first. */
  readonly firstSync: Promise<void>;
  stop(): void;
}

/**
 * The gateway's side of registration: register with the console, pull the
 * whole state and apply it through this node's own admin API (the same
 * validation, compile and atomic swap as a push), then send heartbeats.
 * The heartbeat answer carries the hash of the expected state, so a node
 * that missed a push (it was down, or the push timed out) pulls again and
 * converges without a redeploy. When the console is unreachable the node
 * keeps serving what it has and retries with backoff.
 */
export function startControlPlaneClient(options: {
  config: ControlPlaneConfig;
  adminUrl: string;
  adminToken: string;
  logger: Logger;
}): ControlPlaneClient {
  const { config, logger } = options;
  const adminUrl = options.adminUrl.replace(/\/+$/, "");
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let nodeId: string | null = null;
  let intervalMs = 10_000;
  let appliedStateHash: string | null = null;
  let failures = 0;
  let resolveFirst: () => void = () => undefined;
  let rejectFirst: (error: Error) => void = () => undefined;
  const firstSync = new Promise<void>((resolve, reject) => {
    resolveFirst = resolve;
    rejectFirst = reject;
  });
  // Nobody may await it (npm run gateway does not); that must not crash the process.
  firstSync.catch(() => undefined);

  async function consoleRequest(method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${config.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${config.registrationToken}`,
        ...(nodeId === null ? {} : { "x-portico-node-id": nodeId }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text === "" ? null : JSON.parse(text);
    } catch {
      // Judged by status alone.
    }
    return { status: response.status, json };
  }

  async function adminRequest(method: "GET" | "PUT" | "DELETE", path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${adminUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${options.adminToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return { status: response.status, json: text === "" ? null : (JSON.parse(text) as unknown) };
  }

  async function served(): Promise<z.infer<typeof servedAnswer>> {
    return servedAnswer.parse((await adminRequest("GET", "/v1/state")).json);
  }

  async function register(): Promise<void> {
    // The node's own admin token goes with it: the console presents it to this node only.
    const answer = await consoleRequest("POST", "/gateway/register", {
      name: config.nodeName,
      adminUrl: config.advertiseAdminUrl ?? adminUrl,
      adminToken: options.adminToken,
    });
    if (answer.status !== 201) throw new Error(`registration answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    const parsed = registerAnswer.parse(answer.json);
    nodeId = parsed.node.id;
    intervalMs = parsed.heartbeatIntervalMs;
    logger.info("Registered with the control plane.", { controlPlane: config.url, nodeId, name: config.nodeName });
    if (parsed.node.approved === false)
      logger.warn("This node awaits an admin's approval in the console (Gateway nodes) before it is sent anything to serve.", { nodeId });
  }

  async function pull(): Promise<void> {
    const answer = await consoleRequest("GET", "/gateway/state");
    if (answer.status !== 200) {
      const message = (answer.json as { error?: { message?: string } } | null)?.error?.message;
      throw new Error(`state pull answered ${answer.status}${message ? `: ${message}` : ""}`);
    }
    const state = stateAnswer.parse(answer.json);
    const wanted = new Set<string>();
    let problems = 0;
    for (const snapshot of state.stages) {
      wanted.add(`${snapshot.apiId}/${snapshot.stage}`);
      const put = await adminRequest(
        "PUT",
        `/v1/apis/${encodeURIComponent(snapshot.apiId)}/stages/${encodeURIComponent(snapshot.stage)}`,
        snapshot,
      );
      if (put.status !== 200) {
        problems++;
        logger.warn("A pulled snapshot was refused; the previous one keeps serving.", {
          apiId: snapshot.apiId,
          stage: snapshot.stage,
          status: put.status,
          answer: put.json,
        });
      }
    }
    if (state.consumers !== null) {
      const put = await adminRequest("PUT", "/v1/consumers", state.consumers);
      if (put.status !== 200) {
        problems++;
        logger.warn("The pulled consumers document was refused.", { status: put.status, answer: put.json });
      }
    }
    // The console's state is complete: a stage it no longer has was deleted while this node was away.
    for (const stage of (await served()).stages) {
      if (!wanted.has(`${stage.apiId}/${stage.stage}`)) {
        await adminRequest("DELETE", `/v1/apis/${encodeURIComponent(stage.apiId)}/stages/${encodeURIComponent(stage.stage)}`);
      }
    }
    appliedStateHash = problems === 0 ? state.stateHash : null;
    logger.info("Pulled the state from the control plane.", { stages: state.stages.length, stateHash: state.stateHash, problems });
  }

  async function heartbeat(): Promise<void> {
    const current = await served();
    const servedMap: Record<string, string> = {};
    for (const stage of current.stages) servedMap[`${stage.apiId}/${stage.stage}`] = stage.hash;
    if (current.consumers !== null) servedMap.consumers = current.consumers.hash;
    const answer = await consoleRequest("POST", "/gateway/heartbeat", { nodeId, served: servedMap });
    if (answer.status === 404) {
      // The console forgot this node (a new database): register again.
      nodeId = null;
      throw new Error("the control plane does not know this node any more");
    }
    if (answer.status !== 200) throw new Error(`heartbeat answered ${answer.status}`);
    if (heartbeatAnswer.parse(answer.json).stateHash !== appliedStateHash) await pull();
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    let delay = intervalMs;
    try {
      if (nodeId === null) {
        await register();
        await pull();
        resolveFirst();
      } else {
        // After a failure this is a reconnect: pull whatever changed meanwhile.
        if (failures > 0) await pull();
        await heartbeat();
      }
      failures = 0;
    } catch (error) {
      failures++;
      delay = Math.min(MAX_RETRY_MS, 500 * 2 ** Math.min(failures, 6));
      logger.warn("Control plane unreachable or refused; serving the current configuration and retrying.", {
        controlPlane: config.url,
        error: (error as Error).message,
        retryInMs: delay,
      });
    }
    if (!stopped) timer = setTimeout(() => void tick(), delay);
  }

  void tick();
  return {
    firstSync,
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      rejectFirst(new Error("stopped"));
    },
  };
}
