/**
 * The gateway as a benchmark target, in a process of its own: proxy and
 * admin ports chosen here, access logs off (the other targets log nothing
 * either), data folder given on the command line. Counters in memory unless
 * BENCH_STORE=redis (then REDIS_URL).
 *
 * With a worker count above 1 it runs that many gateways under node:cluster
 * sharing the proxy port, each with its own admin port (every one must be
 * sent the configuration), to measure what a multi-process deployment gains.
 *
 * Usage: node --import tsx bench/targets/gateway.ts <dataDir> [workers]
 */
import cluster from "node:cluster";
import { join } from "node:path";
import { startGateway } from "@/gateway";
import { freePort } from "../lib/net";

const dataDir = process.argv[2] ?? ".data/bench-gateway";
const workers = Math.max(1, Number(process.argv[3] ?? 1));
const adminToken = process.env.GATEWAY_ADMIN_TOKEN ?? "";
if (adminToken === "") throw new Error("Set GATEWAY_ADMIN_TOKEN for the benchmark gateway.");
if (process.env.BENCH_STORE === "redis" && !process.env.REDIS_URL) throw new Error("BENCH_STORE=redis needs REDIS_URL.");

async function serve(port: number, adminPort: number, folder: string) {
  return startGateway({
    port,
    host: "127.0.0.1",
    adminPort,
    adminToken,
    dataDir: folder,
    log: "off",
    ...(process.env.BENCH_STORE === "redis" ? { redisUrl: process.env.REDIS_URL } : {}),
  });
}

if (workers === 1) {
  const gateway = await serve(0, 0, dataDir);
  console.log(`READY ${JSON.stringify({ proxyUrl: gateway.proxyUrl, adminUrls: [gateway.adminUrl] })}`);
  process.on("SIGTERM", () => {
    gateway.close().then(() => process.exit(0));
  });
} else if (cluster.isPrimary) {
  const proxyPort = await freePort();
  const adminPorts: number[] = [];
  for (let i = 0; i < workers; i++) adminPorts.push(await freePort());
  const started = adminPorts.map(
    (adminPort, i) =>
      new Promise<string>((resolve, reject) => {
        const worker = cluster.fork({ BENCH_PROXY_PORT: String(proxyPort), BENCH_ADMIN_PORT: String(adminPort), BENCH_WORKER: String(i) });
        worker.once("message", (adminUrl: string) => resolve(adminUrl));
        worker.once("exit", (code) => reject(new Error(`gateway worker ${i} exited with code ${code}`)));
      }),
  );
  const adminUrls = await Promise.all(started);
  console.log(`READY ${JSON.stringify({ proxyUrl: `http://127.0.0.1:${proxyPort}`, adminUrls })}`);
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
    cluster.disconnect(() => process.exit(0));
  });
} else {
  const gateway = await serve(Number(process.env.BENCH_PROXY_PORT), Number(process.env.BENCH_ADMIN_PORT), join(dataDir, `w${process.env.BENCH_WORKER}`));
  process.send?.(gateway.adminUrl);
  process.on("SIGTERM", () => {
    gateway.close().then(() => process.exit(0));
  });
}
