import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { buildGatewayEntry } from "@/scripts/build-gateway";
import { TEST_ADMIN_TOKEN } from "./admin-client";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export interface GatewayProcess {
  proxyUrl: string;
  adminUrl: string;
  child: ChildProcess;
  /** Operational log lines (stderr), parsed. */
  logs: Record<string, unknown>[];
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * Starts `npm run gateway`'s entry (gateway/main.ts, built as npm start
 * builds it) as a real child process on ephemeral ports, and resolves once
 * it logs that it listens.
 */
export async function spawnGateway(options: {
  dataDir: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ["--enable-source-maps", await buildGatewayEntry("gateway/main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      GATEWAY_PORT: "0",
      GATEWAY_ADMIN_PORT: "0",
      GATEWAY_HOST: "127.0.0.1",
      GATEWAY_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      GATEWAY_DATA_DIR: options.dataDir,
      GATEWAY_LOG: "json",
      REDIS_URL: "",
      ...options.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  const plainLines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const listening = new Promise<{ proxyUrl: string; adminUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("The gateway did not report listening in time")), options.timeoutMs ?? 20_000);
    const lines = createInterface({ input: child.stderr as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        plainLines.push(line);
        return;
      }
      logs.push(entry);
      if (entry.msg === "Gateway listening.") {
        clearTimeout(timer);
        resolve({ proxyUrl: String(entry.proxyUrl), adminUrl: String(entry.adminUrl) });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `The gateway exited with ${code} before listening: ${[...plainLines, ...logs.map((entry) => JSON.stringify(entry))].join("\n")}`,
        ),
      );
    });
  });
  const { proxyUrl, adminUrl } = await listening;
  return {
    proxyUrl,
    adminUrl,
    child,
    logs,
    exited,
    stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
