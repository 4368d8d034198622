/**
 * The gateway as a benchmark target, in a process of its own: proxy and
 * admin ports chosen here, access logs off (the other targets log nothing
 * either), data folder given on the command line. Counters in memory unless
 * BENCH_STORE=redis (then REDIS_URL).
 *
 * With a worker count above 1 it runs the gateway's own cluster mode
 * (GATEWAY_WORKERS): a primary with the admin API and that many proxy
 * workers sharing the port. That mode needs Redis for its counters, so it
 * requires BENCH_STORE=redis.
 *
 * With `observe` as third argument it runs with what a node records of its
 * traffic: per-minute aggregates and the request buffer at their defaults,
 * and the access log written to a file in the data folder. Without it all
 * of that is off, as the other targets record nothing either.
 *
 * Usage: node --import tsx bench/targets/gateway.ts <dataDir> [workers] [observe]
 */
import cluster from "node:cluster";
import { startGateway } from "@/gateway";
import { startClusterPrimary, startClusterWorker } from "@/gateway/cluster";
import { resolveConfig, type GatewayConfigInput } from "@/gateway/config";

const dataDir = process.argv[2] ?? ".data/bench-gateway";
const workers = Math.max(1, Number(process.argv[3] ?? 1));
const observe = process.argv[4] === "observe";
const adminToken = process.env.GATEWAY_ADMIN_TOKEN ?? "";
if (adminToken === "") throw new Error("Set GATEWAY_ADMIN_TOKEN for the benchmark gateway.");
if (process.env.BENCH_STORE === "redis" && !process.env.REDIS_URL) throw new Error("BENCH_STORE=redis needs REDIS_URL.");
if (workers > 1 && process.env.BENCH_STORE !== "redis") {
  throw new Error("BENCH_GATEWAY_WORKERS above 1 needs BENCH_STORE=redis (and REDIS_URL): the workers must share their counters.");
}

const recording: Partial<GatewayConfigInput> = observe
  ? { log: "json", accessLogFile: `${dataDir}/access.log` }
  : { log: "off", aggregateMinutes: 0, requestBufferErrors: 0, requestBufferSuccesses: 0 };

const config = resolveConfig({
  port: 0,
  host: "127.0.0.1",
  adminPort: 0,
  adminToken,
  dataDir,
  workers,
  ...recording,
  ...(process.env.BENCH_STORE === "redis" ? { redisUrl: process.env.REDIS_URL } : {}),
});

if (workers > 1 && !cluster.isPrimary) {
  await startClusterWorker(config);
} else {
  const gateway = workers > 1 ? await startClusterPrimary(config) : await startGateway(config);
  console.log(`READY ${JSON.stringify({ proxyUrl: gateway.proxyUrl, adminUrls: [gateway.adminUrl] })}`);
  process.on("SIGTERM", () => {
    void gateway.close().then(() => process.exit(0));
  });
}
