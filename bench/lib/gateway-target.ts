import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BENCH_ADMIN_TOKEN } from "./gateway-fixture";
import { builtNodeArgs, spawnReady } from "./processes";
import type { RunningProcess } from "./processes";

export interface GatewayTarget {
  proxyUrl: string;
  /** The first worker's admin API. */
  adminUrl: string;
  /** Every worker's admin API: a configuration must be pushed to each. */
  adminUrls: string[];
  pid: number;
  process: RunningProcess;
  stop: () => Promise<void>;
}

/**
 * Starts the gateway in a child process of its own, with an empty data
 * folder and access logs off (with `observe`: aggregates, request buffer and access log on). With BENCH_CPU_PROF=<dir> the gateway writes a
 * V8 CPU profile there when it stops (open it in Chrome DevTools); BENCH_GATEWAY_NODE_FLAGS
 * adds flags to the gateway's node command line (V8's garbage-collector settings, say).
 */
export async function startGatewayTarget(
  options: { workers?: number; store?: "memory" | "redis"; observe?: boolean } = {},
): Promise<GatewayTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), "portico-bench-gateway-"));
  const profileDir = process.env.BENCH_CPU_PROF;
  const nodeArgs = [
    ...(profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : []),
    ...(process.env.BENCH_GATEWAY_NODE_FLAGS ?? "").split(" ").filter((flag) => flag !== ""),
  ];
  const running = await spawnReady(
    process.execPath,
    [
      ...nodeArgs,
      ...(await builtNodeArgs("bench/targets/gateway.ts", [
        dataDir,
        String(options.workers ?? 1),
        ...(options.observe === true ? ["observe"] : []),
      ])),
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        GATEWAY_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
        ...(options.store !== undefined ? { BENCH_STORE: options.store } : {}),
      },
    },
  );
  const adminUrls = (running.ready.adminUrls as unknown[]).map(String);
  return {
    proxyUrl: String(running.ready.proxyUrl),
    adminUrl: adminUrls[0] ?? "",
    adminUrls,
    pid: running.child.pid ?? 0,
    process: running,
    stop: async () => {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
