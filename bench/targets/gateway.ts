/**
 * The gateway as a benchmark target, in a process of its own: proxy and
 * admin ports chosen by the OS, access logs off (the other targets log
 * nothing either), data folder given on the command line. Counters in
 * memory unless BENCH_STORE=redis (then REDIS_URL).
 * Usage: node --import tsx bench/targets/gateway.ts <dataDir>
 */
import { startGateway } from "@/gateway";

const dataDir = process.argv[2] ?? ".data/bench-gateway";
const adminToken = process.env.GATEWAY_ADMIN_TOKEN;
if (adminToken === undefined) throw new Error("Set GATEWAY_ADMIN_TOKEN for the benchmark gateway.");
if (process.env.BENCH_STORE === "redis" && !process.env.REDIS_URL) throw new Error("BENCH_STORE=redis needs REDIS_URL.");

const gateway = await startGateway({
  port: 0,
  host: "127.0.0.1",
  adminPort: 0,
  adminToken,
  dataDir,
  log: "off",
  ...(process.env.BENCH_STORE === "redis" ? { redisUrl: process.env.REDIS_URL } : {}),
});
console.log(`READY ${JSON.stringify({ proxyUrl: gateway.proxyUrl, adminUrl: gateway.adminUrl })}`);
process.on("SIGTERM", () => {
  gateway.close().then(() => process.exit(0));
});
