import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createCounterStore, createStoreErrorReporter, type CounterStore } from "@/gateway/stores";
import { createAccessLog, silentAccessLog, type AccessLog } from "./access-log";
import { RotatingFile } from "./log-file";
import { ConfigService, type ReplicaPublisher } from "./admin/config-service";
import { createAdminServer, type AdminServerDeps } from "./admin/server";
import { createTestInvoker } from "./admin/test-invoke";
import type { CompileEnv } from "./compile/compile-stage";
import { nodeNameOf, resolveConfig, type GatewayConfig, type GatewayConfigInput } from "./config";
import { UpstreamPools } from "./integrations/pools";
import { LambdaInvoker } from "./lambda/invoke";
import { LiveState } from "./live-state";
import { EventLoopWatch } from "./event-loop";
import { createLogger, silentLogger, type Logger } from "./logger";
import { GatewayMetrics } from "./metrics";
import type { ObservabilitySource } from "./admin/observability";
import { aggregatesPart, createRequestObserver, mergeAggregates, mergeRequests, requestsPart, type NodeIdentity } from "./observability";
import type { RequestObserver } from "./observability/observer";
import { ConfigStore } from "./persistence";
import { nextRequestId } from "./pipeline";
import { createProxyHandler } from "./proxy";

export interface StartGatewayOptions extends GatewayConfigInput {
  /** A counter store to use instead of the one REDIS_URL selects (tests, embedding). */
  store?: CounterStore;
  /** Operational log; defaults to JSON lines on stderr (silent when log is "off"). */
  logger?: Logger;
  /** Access log; defaults to JSON lines on stdout when log is "json". */
  accessLog?: AccessLog;
  /** Invokes Lambda functions; by default through the AWS SDK's standard configuration. */
  lambda?: LambdaInvoker;
}

export interface RunningGateway {
  /** Base URL of the proxy, e.g. http://127.0.0.1:8080. */
  proxyUrl: string;
  /** Base URL of the admin API. */
  adminUrl: string;
  config: GatewayConfig;
  /** Stops accepting requests, lets in-flight ones finish (up to drainTimeoutMs), then releases everything. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function urlOf(address: AddressInfo): string {
  const host = address.address === "0.0.0.0" || address.address === "::" ? "127.0.0.1" : address.address;
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
  });
}

/** What every gateway process holds: settings, logs, metrics, counters, the live config and the upstream pools. */
export interface GatewayRuntime {
  config: GatewayConfig;
  logger: Logger;
  accessLog: AccessLog;
  metrics: GatewayMetrics;
  store: CounterStore;
  /** False when the store was handed in (tests, embedding): its owner closes it. */
  ownsStore: boolean;
  /** The same for the Lambda invoker. */
  ownsLambda: boolean;
  state: LiveState;
  pools: UpstreamPools;
  compileEnv: CompileEnv;
  /** Aggregates, the request explorer's buffer and OTLP spans of finished requests. */
  observer: RequestObserver;
  /** The node's name and this process start's id, as /v1/aggregates and /v1/requests report them. */
  node: NodeIdentity;
  /** GATEWAY_ACCESS_LOG_FILE, opened; closed with the runtime. */
  accessLogFile: RotatingFile | null;
}

export function createRuntime(options: StartGatewayOptions): GatewayRuntime {
  const { store: givenStore, logger: givenLogger, accessLog: givenAccessLog, lambda: givenLambda, ...configInput } = options;
  const config = resolveConfig(configInput);
  const logger = givenLogger ?? (config.log === "off" ? silentLogger : createLogger());
  const accessLogFile =
    givenAccessLog === undefined && config.log !== "off" && config.accessLogFile !== undefined
      ? new RotatingFile(config.accessLogFile, config.accessLogMaxBytes, config.accessLogFiles)
      : null;
  const accessLog = givenAccessLog ?? (config.log === "off" ? silentAccessLog : createAccessLog({ file: accessLogFile }));
  const metrics = new GatewayMetrics();
  const reporter = createStoreErrorReporter({
    registry: metrics.registry,
    log: (entry) => logger.warn(entry.msg, { ...entry, msg: undefined }),
  });
  const store =
    givenStore ??
    createCounterStore({
      redisUrl: config.redisUrl,
      timeoutMs: config.storeTimeoutMs,
      syncIntervalMs: config.storeSyncMs,
      maxUnsyncedHits: config.storeSyncHits,
      onConnectionError: (error: Error) =>
        logger.warn("Redis connection problem; counters fail open or closed per plugin until it recovers.", { error: error.message }),
    });
  const state = new LiveState();
  const pools = new UpstreamPools();
  const node: NodeIdentity = { name: nodeNameOf(config), bootId: randomUUID() };
  const observer = createRequestObserver(config, node, logger);
  const aggregates = observer.aggregates;
  if (aggregates !== null) {
    metrics.registerCounter(
      "portico_aggregate_dropped_total",
      "Requests left out of the per-minute aggregates because their minute already held GATEWAY_AGGREGATE_MAX_SERIES series.",
      () => aggregates.dropped,
    );
  }
  const lambda = givenLambda ?? new LambdaInvoker();
  const compileEnv: CompileEnv = {
    plugins: { store, reporter, storeFailure: config.storeFailure, consumers: state.consumers, maxBodyBytes: config.maxBodyBytes, lambda },
    pools,
    metrics,
    lambda,
    logger,
  };
  return {
    config,
    logger,
    accessLog,
    metrics,
    store,
    ownsStore: givenStore === undefined,
    ownsLambda: givenLambda === undefined,
    state,
    pools,
    compileEnv,
    observer,
    node,
    accessLogFile,
  };
}

export interface ProxyServer {
  url: string;
  /** Stops taking requests, lets in-flight ones finish (up to drainTimeoutMs); true when all finished in time. */
  drain(): Promise<boolean>;
}

/** The proxy port: the server API consumers call. */
export async function startProxyServer(runtime: GatewayRuntime): Promise<ProxyServer> {
  const { config, state, metrics, accessLog, logger, observer } = runtime;
  await observer.tracer?.ready;
  const proxyHandler = createProxyHandler({
    state,
    metrics,
    accessLog,
    observer,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    unknownStageMetrics: metrics.route({ api: "", stage: "", route: "" }),
  });
  const proxy = createServer(
    {
      maxHeaderSize: config.maxHeaderBytes,
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      keepAliveTimeout: config.keepAliveTimeoutMs,
      // How often Node checks the two timeouts above; its default (30 s) would let a slow client hold a socket far past them.
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(config.headersTimeoutMs / 4))),
    },
    proxyHandler,
  );
  proxy.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    // Malformed or oversized requests and slow headers: answer if the socket still can, then drop it.
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    const reason = status === 431 ? "Request Header Fields Too Large" : status === 408 ? "Request Timeout" : "Bad Request";
    const body = JSON.stringify({ message: reason });
    const requestId = nextRequestId();
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nx-amzn-RequestId: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  const address = await listen(proxy, config.port, config.host);

  async function drain(): Promise<boolean> {
    proxyHandler.startDraining();
    const proxyClosed = closeServer(proxy);
    // Keep-alive connections with no request in flight would hold close() open: drop them now.
    proxy.closeIdleConnections();
    const inFlight = proxyHandler.inFlight();
    logger.info("Draining.", { inFlight, timeoutMs: config.drainTimeoutMs });
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      proxyHandler.idle().then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), config.drainTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!drained) logger.warn("Drain timeout reached; closing the remaining connections.", { inFlight: proxyHandler.inFlight() });
    proxy.closeAllConnections();
    await proxyClosed;
    return drained;
  }

  return { url: urlOf(address), drain };
}

export interface AdminEndpoint {
  url: string;
  close(): Promise<void>;
}

/** The admin API on its own port. */
export async function startAdminServer(deps: AdminServerDeps, port: number, host: string): Promise<AdminEndpoint> {
  const admin = createAdminServer(deps);
  const address = await listen(admin, port, host);
  return {
    url: urlOf(address),
    async close() {
      const closed = closeServer(admin);
      admin.closeAllConnections();
      await closed;
    },
  };
}

/** The admin API's view of this process's traffic. */
export function localObservability(runtime: GatewayRuntime): ObservabilitySource {
  const { observer, node } = runtime;
  return {
    aggregates: (since) => Promise.resolve(mergeAggregates(node, [aggregatesPart(observer, since)])),
    requests: (filter) => Promise.resolve(mergeRequests(node, [requestsPart(observer, filter)], filter.limit)),
  };
}

/** Releases what a runtime holds once nothing uses it any more. */
export async function releaseRuntime(runtime: GatewayRuntime): Promise<void> {
  await runtime.pools.close();
  if (runtime.ownsLambda) runtime.compileEnv.lambda.close();
  if (runtime.ownsStore) await runtime.store.close();
  await runtime.observer.tracer?.close();
  runtime.accessLog.flush();
  runtime.accessLogFile?.close();
}

/**
 * The admin side's source of truth: the data folder's last good state,
 * loaded into the runtime. A cluster primary passes `replicas` so every
 * applied change also reaches its workers.
 */
export async function loadConfigService(runtime: GatewayRuntime, replicas?: ReplicaPublisher): Promise<ConfigService> {
  const { config, state, metrics, pools, logger } = runtime;
  const configStore = new ConfigStore(config.dataDir);
  await configStore.init();
  const service = new ConfigService({
    state,
    store: configStore,
    compileEnv: runtime.compileEnv,
    pools,
    metrics,
    logger,
    keyCacheSize: config.keyCacheSize,
    replicas,
  });
  await service.loadPersisted();
  return service;
}

/**
 * Starts a gateway: loads the stored configuration, then serves the proxy
 * and the admin API. Ports may be 0 for ephemeral ones; the returned URLs
 * say which were taken.
 */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const runtime = createRuntime(options);
  const { config, logger, state, store, metrics } = runtime;

  const service = await loadConfigService(runtime);

  const proxy = await startProxyServer(runtime);
  const eventLoop = new EventLoopWatch();
  let ready = false;
  let closing: Promise<void> | null = null;
  let admin: AdminEndpoint;
  try {
    admin = await startAdminServer(
      {
        token: config.adminToken,
        service,
        state,
        store,
        metrics,
        logger,
        isReady: () => ready,
        storeHealth: () => runtime.compileEnv.plugins.reporter.health(),
        eventLoop,
        lambda: runtime.compileEnv.lambda,
        testInvoke: createTestInvoker({ compileEnv: runtime.compileEnv, state, proxyUrl: () => proxy.url }),
        observability: localObservability(runtime),
      },
      config.adminPort,
      config.adminHost,
    );
  } catch (error) {
    await proxy.drain();
    throw error;
  }
  ready = true;
  logger.info("Gateway listening.", {
    proxyUrl: proxy.url,
    adminUrl: admin.url,
    store: store.kind,
    dataDir: config.dataDir,
    stages: state.stageCount,
  });

  async function shutdown(): Promise<void> {
    ready = false;
    const drained = await proxy.drain();
    await admin.close();
    eventLoop.close();
    await releaseRuntime(runtime);
    logger.info("Gateway stopped.", { drained });
  }

  return {
    proxyUrl: proxy.url,
    adminUrl: admin.url,
    config,
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}
