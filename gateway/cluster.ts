import cluster, { type Worker } from "node:cluster";
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from "prom-client";
import type { Consumers, Snapshot } from "@/lib/contracts";
import type { ReplicaPublisher, ReplicaUpdate } from "./admin/config-service";
import { compileStageSteps } from "./compile/compile-stage";
import { runInSlices } from "./compile/slices";
import type { GatewayConfig } from "./config";
import { CompiledConsumers } from "./consumers";
import type { ObservabilitySource } from "./admin/observability";
import { workerLogPath } from "./log-file";
import { errorFields } from "./logger";
import {
  aggregatesPart,
  mergeAggregates,
  mergeRequests,
  requestsPart,
  type AggregatesPart,
  type RequestFilter,
  type RequestsPart,
} from "./observability";
import { createRuntime, loadConfigService, releaseRuntime, startAdminServer, startProxyServer } from "./server";

/**
 * Cluster mode (GATEWAY_WORKERS > 1): one primary process and N workers
 * sharing the proxy port through node:cluster.
 *
 * The primary is the only one that validates, hashes and persists: it runs
 * the admin API and the data folder, and holds the configuration every
 * worker must serve. Each applied change is sent to every worker, which
 * compiles it and swaps it in itself (compiled routers and plugin chains are
 * functions and cannot cross processes); a push is answered once all
 * workers applied it, so /v1/state never reports what some worker does not
 * serve. A worker that starts (or is restarted) first receives everything
 * applied so far, and the gateway is ready only when every worker has.
 */

/** A change to apply, or (at the end of a worker's first sync) the stages it should serve and no others. */
type WorkerUpdate = ReplicaUpdate | { kind: "retain"; stages: string[] };

/** What the primary asks every worker for: its metrics, aggregates or recorded requests. */
type WorkerRead = { kind: "metrics" } | { kind: "aggregates"; since: number } | { kind: "requests"; filter: RequestFilter };

type ToWorker =
  | { type: "portico:update"; seq: number; update: WorkerUpdate }
  | { type: "portico:read"; seq: number; read: WorkerRead }
  | { type: "portico:drain" };

type ToPrimary =
  | { type: "portico:listening"; proxyUrl: string }
  | { type: "portico:applied"; seq: number }
  | { type: "portico:failed"; seq: number; message: string }
  | { type: "portico:read"; seq: number; answer: unknown };

type Metrics = MetricObjectWithValues<MetricValue<string>>[];

function isMessage<T extends { type: string }>(message: unknown): message is T {
  return typeof message === "object" && message !== null && typeof (message as { type?: unknown }).type === "string";
}

/** How long a worker may take to apply one change before the push reports it as failed. */
const APPLY_TIMEOUT_MS = 30_000;

/** Refuses a cluster whose workers would each enforce their own copy of every limit. */
export function checkClusterConfig(config: GatewayConfig): string | null {
  if (config.workers > 1 && config.redisUrl === undefined) {
    return (
      `GATEWAY_WORKERS=${config.workers} needs REDIS_URL: with counters in memory each worker process would keep its own ` +
      `token buckets and quotas, so every throttle and quota would be multiplied by ${config.workers}. Set REDIS_URL so the ` +
      "workers share their counters, or run a single worker (GATEWAY_WORKERS=1)."
    );
  }
  return null;
}

interface Pending {
  waiting: Set<number>;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface RunningCluster {
  proxyUrl: string;
  adminUrl: string;
  close(): Promise<void>;
}

/** The primary: admin API, data folder, and the workers it keeps running and up to date. */
export async function startClusterPrimary(config: GatewayConfig): Promise<RunningCluster> {
  const runtime = createRuntime(config);
  const { logger, state, store, metrics } = runtime;
  let seq = 0;
  const pending = new Map<number, Pending>();
  const readReplies = new Map<number, { replies: unknown[]; left: number; done: () => void }>();
  /** Workers that applied everything applied so far. */
  const synced = new Set<number>();
  let stopping = false;
  let proxyUrl: string | null = null;

  const workers = (): Worker[] => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);

  function send(worker: Worker, message: ToWorker): void {
    if (worker.isConnected()) worker.send(message);
  }

  /** Sends one update to some workers and waits for each to apply it. */
  function sendUpdate(targets: Worker[], update: WorkerUpdate): Promise<void> {
    if (targets.length === 0) return Promise.resolve();
    seq += 1;
    const id = seq;
    return new Promise<void>((resolve, reject) => {
      const entry: Pending = {
        waiting: new Set(targets.map((worker) => worker.id)),
        resolve,
        reject,
        timer: setTimeout(() => {
          pending.delete(id);
          reject(new Error(`worker(s) ${[...entry.waiting].join(", ")} did not confirm within ${APPLY_TIMEOUT_MS} ms`));
        }, APPLY_TIMEOUT_MS),
      };
      pending.set(id, entry);
      for (const worker of targets) send(worker, { type: "portico:update", seq: id, update });
    });
  }

  /** Counts applied changes, so a worker being synced can tell whether it missed one. */
  let generation = 0;
  const replicas: ReplicaPublisher = {
    publish: (update) => {
      generation += 1;
      return sendUpdate(
        workers().filter((worker) => synced.has(worker.id)),
        update,
      );
    },
  };

  const service = await loadConfigService(runtime, replicas);

  /**
   * A new worker gets everything applied so far, then counts as synced.
   * Changes applied meanwhile go only to synced workers, so the pass is
   * repeated (applying a hash already served is a no-op) until none slipped in.
   */
  async function syncWorker(worker: Worker): Promise<void> {
    try {
      let seen: number;
      do {
        seen = generation;
        const updates = service.currentUpdates();
        for (const update of updates) await sendUpdate([worker], update);
        const keep = updates.flatMap((update) => (update.kind === "stage" ? [`${update.snapshot.apiId}/${update.snapshot.stage}`] : []));
        await sendUpdate([worker], { kind: "retain", stages: keep });
      } while (seen !== generation);
      synced.add(worker.id);
      if (synced.size >= config.workers) firstSynced();
    } catch (error) {
      logger.error("A worker process could not load the configuration; restarting it.", { worker: worker.id, ...errorFields(error) });
      worker.kill("SIGTERM");
    }
  }

  let firstListening: (url: string) => void = () => {};
  const listening = new Promise<string>((resolve) => {
    firstListening = resolve;
  });
  let firstSynced: () => void = () => {};
  const allSynced = new Promise<void>((resolve) => {
    firstSynced = resolve;
  });

  cluster.on("message", (worker: Worker, message: unknown) => {
    if (!isMessage<ToPrimary>(message)) return;
    switch (message.type) {
      case "portico:listening":
        proxyUrl ??= message.proxyUrl;
        firstListening(message.proxyUrl);
        void syncWorker(worker);
        return;
      case "portico:applied":
      case "portico:failed": {
        const entry = pending.get(message.seq);
        if (entry === undefined) return;
        if (message.type === "portico:failed") {
          clearTimeout(entry.timer);
          pending.delete(message.seq);
          entry.reject(new Error(`worker ${worker.id}: ${message.message}`));
          return;
        }
        entry.waiting.delete(worker.id);
        if (entry.waiting.size === 0) {
          clearTimeout(entry.timer);
          pending.delete(message.seq);
          entry.resolve();
        }
        return;
      }
      case "portico:read": {
        const request = readReplies.get(message.seq);
        if (request === undefined) return;
        request.replies.push(message.answer);
        request.left -= 1;
        if (request.left === 0) request.done();
        return;
      }
    }
  });

  cluster.on("exit", (worker, code, signal) => {
    synced.delete(worker.id);
    // A change waiting for this worker would otherwise wait for the timeout.
    for (const [id, entry] of pending) {
      if (!entry.waiting.delete(worker.id) || entry.waiting.size > 0) continue;
      clearTimeout(entry.timer);
      pending.delete(id);
      entry.resolve();
    }
    if (stopping) return;
    logger.warn("A worker process exited; starting another.", { worker: worker.id, code, signal });
    cluster.fork();
  });

  for (let i = 0; i < config.workers; i++) cluster.fork();
  // Listening is announced once every worker serves the stored configuration.
  await allSynced;

  /** Asks every connected worker the same question; a worker that does not answer within 5 s is left out. */
  async function readWorkers<T>(read: WorkerRead): Promise<T[]> {
    const targets = workers().filter((worker) => worker.isConnected());
    if (targets.length === 0) return [];
    seq += 1;
    const id = seq;
    const replies: unknown[] = [];
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      readReplies.set(id, {
        replies,
        left: targets.length,
        done: () => {
          clearTimeout(timer);
          resolve();
        },
      });
      for (const worker of targets) send(worker, { type: "portico:read", seq: id, read });
    });
    readReplies.delete(id);
    return replies as T[];
  }

  /** Workers' metrics summed with the primary's (config updates, stages), as one exposition. */
  async function metricsText(): Promise<string> {
    const replies: Metrics[] = [await metrics.registry.getMetricsAsJSON(), ...(await readWorkers<Metrics>({ kind: "metrics" }))];
    return AggregatorRegistry.aggregate(replies).metrics();
  }

  /** The workers' aggregates and recorded requests, as one node's (the primary serves no traffic itself). */
  const observability: ObservabilitySource = {
    aggregates: async (since) => mergeAggregates(runtime.node, await readWorkers<AggregatesPart>({ kind: "aggregates", since })),
    requests: async (filter) => mergeRequests(runtime.node, await readWorkers<RequestsPart>({ kind: "requests", filter }), filter.limit),
  };

  const admin = await startAdminServer(
    {
      token: config.adminToken,
      service,
      state,
      store,
      metrics,
      logger,
      isReady: () => !stopping && synced.size >= config.workers,
      metricsText,
      observability,
    },
    config.adminPort,
    config.adminHost,
  );
  const url = proxyUrl ?? (await listening);
  logger.info("Gateway listening.", {
    proxyUrl: url,
    adminUrl: admin.url,
    store: store.kind,
    dataDir: config.dataDir,
    stages: state.stageCount,
    workers: config.workers,
  });

  let closing: Promise<void> | null = null;
  async function shutdown(): Promise<void> {
    stopping = true;
    const exited = workers().map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) {
            resolve();
            return;
          }
          worker.once("exit", () => resolve());
          send(worker, { type: "portico:drain" });
        }),
    );
    await Promise.all(exited);
    await admin.close();
    await releaseRuntime(runtime);
    logger.info("Gateway stopped.", { workers: exited.length });
  }

  return {
    proxyUrl: url,
    adminUrl: admin.url,
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}

/** A worker: the proxy, serving what the primary sends it. */
export async function startClusterWorker(config: GatewayConfig): Promise<void> {
  const workerId = cluster.worker?.id ?? process.pid;
  const runtime = createRuntime(
    config.accessLogFile !== undefined ? { ...config, accessLogFile: workerLogPath(config.accessLogFile, workerId) } : config,
  );
  const { state, pools, logger, metrics } = runtime;

  /** Stages compile in slices between requests, as in a single process (compile/slices). */
  async function apply(update: WorkerUpdate): Promise<void> {
    switch (update.kind) {
      case "stage": {
        const snapshot: Snapshot = update.snapshot;
        const live = state.getStage(snapshot.apiId, snapshot.stage);
        if (live !== undefined && live.hash === update.hash) return;
        state.setStage(await runInSlices(compileStageSteps(snapshot, update.hash, runtime.compileEnv, live ?? null)));
        break;
      }
      case "delete":
        state.deleteStage(update.apiId, update.stage);
        break;
      case "retain": {
        const keep = new Set(update.stages);
        for (const stage of [...state.stages()]) {
          if (!keep.has(`${stage.apiId}/${stage.stage}`)) state.deleteStage(stage.apiId, stage.stage);
        }
        break;
      }
      case "consumers": {
        const doc: Consumers = update.doc;
        state.consumers.current = new CompiledConsumers(doc, update.hash, config.keyCacheSize);
        return;
      }
    }
    pools.retainOnly(state.origins());
  }

  // Updates are applied one at a time, in the order the primary sent them.
  let applying: Promise<void> = Promise.resolve();
  let draining: Promise<void> | null = null;
  const proxy = await startProxyServer(runtime);
  function drainAndExit(): Promise<void> {
    draining ??= proxy.drain().then(
      async () => {
        await releaseRuntime(runtime);
        process.exit(0);
      },
      () => process.exit(1),
    );
    return draining;
  }

  process.on("message", (message: unknown) => {
    if (!isMessage<ToWorker>(message)) return;
    const reply = (answer: ToPrimary): void => {
      if (process.send !== undefined && process.connected) process.send(answer);
    };
    switch (message.type) {
      case "portico:update": {
        const { update, seq } = message;
        applying = applying
          .then(() => apply(update))
          .then(
            () => reply({ type: "portico:applied", seq }),
            (error: unknown) => {
              logger.error("Could not apply a change from the primary.", errorFields(error));
              reply({ type: "portico:failed", seq, message: (error as Error).message });
            },
          );
        return;
      }
      case "portico:read": {
        const read = message.read;
        if (read.kind === "metrics") {
          metrics.registry.getMetricsAsJSON().then(
            (json) => reply({ type: "portico:read", seq: message.seq, answer: json }),
            () => reply({ type: "portico:read", seq: message.seq, answer: [] }),
          );
        } else if (read.kind === "aggregates") {
          reply({ type: "portico:read", seq: message.seq, answer: aggregatesPart(runtime.observer, read.since) });
        } else {
          reply({ type: "portico:read", seq: message.seq, answer: requestsPart(runtime.observer, read.filter) });
        }
        return;
      }
      case "portico:drain":
        void drainAndExit();
        return;
    }
  });
  // The primary holds the admin API and the data folder: without it, stop rather than serve a config nobody can change.
  process.on("disconnect", () => void drainAndExit());
  // Signals go to the primary, which drains the workers; a worker ignores them itself (a Ctrl-C reaches the whole group).
  process.on("SIGTERM", () => {});
  process.on("SIGINT", () => {});
  if (process.send !== undefined) process.send({ type: "portico:listening", proxyUrl: proxy.url } satisfies ToPrimary);
}
