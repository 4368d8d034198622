import { hostname } from "node:os";
import { z } from "zod";

/**
 * Gateway settings, read from the environment once at start-up. Everything
 * else receives a `GatewayConfig`; nothing in gateway/ reads process.env.
 */
const port = z.coerce.number().int().min(0).max(65_535);
const positiveMs = z.coerce.number().int().min(1);

/** With GATEWAY_ALLOW_DEV_TOKEN=1 the gateway starts without a token, for local development, and only with its admin API on loopback. */
export const DEV_ADMIN_TOKEN = "portico-dev-admin-token";

export const gatewayConfigSchema = z
  .object({
    /** Proxy port (0 = any free port). */
    port: port.default(8080),
    host: z.string().min(1).default("0.0.0.0"),
    adminPort: port.default(8081),
    /** The admin API changes what the gateway serves: loopback unless deliberately exposed. */
    adminHost: z.string().min(1).default("127.0.0.1"),
    adminToken: z
      .string()
      .refine((token) => token === DEV_ADMIN_TOKEN || token.length >= 32, "must be at least 32 characters (e.g. openssl rand -hex 32)"),
    dataDir: z.string().min(1).default(".data/gateway"),
    redisUrl: z.string().url().optional(),
    /** Redis per-command timeout: a slow Redis must never hold a request longer than this. */
    storeTimeoutMs: positiveMs.default(50),
    /** Redis: how often locally decided counters are reconciled (0: a round trip per decision). */
    storeSyncMs: z.coerce.number().int().min(0).max(1_000).default(10),
    /** Redis: admissions one key may make between two syncs; the over-admission bound is built on it. */
    storeSyncHits: z.coerce.number().int().min(1).max(100_000).default(100),
    /** What throttling and quotas do when the counter store is unavailable. */
    storeFailure: z.enum(["open", "closed"]).default("open"),
    log: z.enum(["json", "off"]).default("json"),
    /** Largest request body accepted (API Gateway's limit is 10 MB). */
    maxBodyBytes: z.coerce
      .number()
      .int()
      .min(1)
      .default(10 * 1024 * 1024),
    maxHeaderBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .default(16 * 1024),
    /** A client must finish sending its headers within this time (slow-header attacks). */
    headersTimeoutMs: positiveMs.default(10_000),
    /** A client must finish sending its whole request within this time. */
    requestTimeoutMs: positiveMs.default(60_000),
    keepAliveTimeoutMs: positiveMs.default(5_000),
    /** On SIGTERM, in-flight requests get this long to finish before connections are cut. */
    drainTimeoutMs: positiveMs.default(30_000),
    /** Entries in the raw key → key record cache that spares a SHA-256 per request. */
    keyCacheSize: z.coerce.number().int().min(0).default(10_000),
    /** Proxy processes under node:cluster (`npm run gateway` only); above 1 needs REDIS_URL so they share counters. */
    workers: z.coerce.number().int().min(1).max(64).default(1),
    /** The node's name in the console and in /v1/aggregates; defaults to `gateway-<hostname>-<port>`. */
    nodeName: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,128}$/, "use 1 to 128 letters, digits, '.', '-' or '_'")
      .optional(),
    /** Minutes of per-minute aggregates kept for the console (the current one included); 0 turns them off. */
    aggregateMinutes: z.coerce.number().int().min(0).max(1440).default(60),
    /** Series (api, stage, route, status class, key) one minute may count; beyond, requests are counted in /metrics only. */
    aggregateMaxSeries: z.coerce.number().int().min(1).default(10_000),
    /** Recent errors (status ≥ 400) kept for the request explorer; 0 keeps none. */
    requestBufferErrors: z.coerce.number().int().min(0).max(100_000).default(2_000),
    /** Recent successes kept for the request explorer; 0 keeps none. */
    requestBufferSuccesses: z.coerce.number().int().min(0).max(100_000).default(2_000),
    /** Successes recorded per second before the explorer samples them. */
    requestSamplePerSecond: z.coerce.number().int().min(1).default(50),
    /** Access-log file (rotated by size) instead of stdout. */
    accessLogFile: z.string().min(1).optional(),
    /** Size at which the access-log file is rotated. */
    accessLogMaxBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .default(100 * 1024 * 1024),
    /** Rotated access-log files kept beside the current one (`<file>.1` is the newest). */
    accessLogFiles: z.coerce.number().int().min(1).max(100).default(5),
    /** OTLP/HTTP collector base URL; spans are exported only when it is set. */
    otlpEndpoint: z.string().url().optional(),
    otelServiceName: z.string().min(1).default("portico-gateway"),
  })
  .refine((config) => config.headersTimeoutMs <= config.requestTimeoutMs, {
    path: ["headersTimeoutMs"],
    message: "must not exceed the request timeout (GATEWAY_REQUEST_TIMEOUT_MS): headers are part of the request",
  })
  .superRefine((config, context) => {
    // The development token is public (it is in this file): it may only guard an admin API that nothing else can reach.
    if (config.adminToken === DEV_ADMIN_TOKEN && !isLoopbackHost(config.adminHost)) {
      context.addIssue({
        code: "custom",
        path: ["adminToken"],
        message: `the development token is refused while the admin API listens on ${config.adminHost}: set a secret of at least 32 characters, or GATEWAY_ADMIN_HOST=127.0.0.1`,
      });
    }
  });

/** The node's name: GATEWAY_NODE_NAME, else `gateway-<hostname>-<proxy port>` (as it registers with the console). */
export function nodeNameOf(config: GatewayConfig): string {
  return config.nodeName ?? `gateway-${hostname()}-${config.port}`;
}

/** Whether an address to listen on is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;

const ENV_NAMES: Record<keyof GatewayConfig, string> = {
  port: "GATEWAY_PORT",
  host: "GATEWAY_HOST",
  adminPort: "GATEWAY_ADMIN_PORT",
  adminHost: "GATEWAY_ADMIN_HOST",
  adminToken: "GATEWAY_ADMIN_TOKEN",
  dataDir: "GATEWAY_DATA_DIR",
  redisUrl: "REDIS_URL",
  storeTimeoutMs: "GATEWAY_STORE_TIMEOUT_MS",
  storeSyncMs: "GATEWAY_STORE_SYNC_MS",
  storeSyncHits: "GATEWAY_STORE_SYNC_HITS",
  storeFailure: "GATEWAY_STORE_FAILURE",
  log: "GATEWAY_LOG",
  maxBodyBytes: "GATEWAY_MAX_BODY_BYTES",
  maxHeaderBytes: "GATEWAY_MAX_HEADER_BYTES",
  headersTimeoutMs: "GATEWAY_HEADERS_TIMEOUT_MS",
  requestTimeoutMs: "GATEWAY_REQUEST_TIMEOUT_MS",
  keepAliveTimeoutMs: "GATEWAY_KEEP_ALIVE_TIMEOUT_MS",
  drainTimeoutMs: "GATEWAY_DRAIN_TIMEOUT_MS",
  keyCacheSize: "GATEWAY_KEY_CACHE_SIZE",
  workers: "GATEWAY_WORKERS",
  nodeName: "GATEWAY_NODE_NAME",
  aggregateMinutes: "GATEWAY_AGGREGATE_MINUTES",
  aggregateMaxSeries: "GATEWAY_AGGREGATE_MAX_SERIES",
  requestBufferErrors: "GATEWAY_REQUEST_BUFFER_ERRORS",
  requestBufferSuccesses: "GATEWAY_REQUEST_BUFFER_SUCCESSES",
  requestSamplePerSecond: "GATEWAY_REQUEST_SAMPLE_PER_SECOND",
  accessLogFile: "GATEWAY_ACCESS_LOG_FILE",
  accessLogMaxBytes: "GATEWAY_ACCESS_LOG_MAX_BYTES",
  accessLogFiles: "GATEWAY_ACCESS_LOG_FILES",
  otlpEndpoint: "OTEL_EXPORTER_OTLP_ENDPOINT",
  otelServiceName: "OTEL_SERVICE_NAME",
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Parses settings from environment variables; throws a ConfigError naming each bad variable. */
export function loadConfigFromEnv(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const input: Record<string, string> = {};
  for (const [field, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== "") input[field] = value;
  }
  if (input.adminToken === undefined && env.GATEWAY_ALLOW_DEV_TOKEN === "1") {
    input.adminToken = DEV_ADMIN_TOKEN;
  }
  const result = gatewayConfigSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const field = issue.path[0] as keyof GatewayConfig | undefined;
      const name = field !== undefined ? ENV_NAMES[field] : "environment";
      if (field === "adminToken" && input.adminToken === undefined) {
        return `${name} is not set: set it to a secret of at least 16 characters (or GATEWAY_ALLOW_DEV_TOKEN=1 for a local development default).`;
      }
      return `${name}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid gateway configuration:\n  ${lines.join("\n  ")}`);
  }
  return result.data;
}

/** Settings for a gateway started from code: defaults filled in, validated the same way. */
export function resolveConfig(input: GatewayConfigInput): GatewayConfig {
  const result = gatewayConfigSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(`Invalid gateway options: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return result.data;
}
