import { spawn } from "node:child_process";
import type { ChildProcess, SpawnOptions } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildGatewayEntry } from "../../scripts/build-gateway";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface RunningProcess {
  child: ChildProcess;
  /** The first line the process printed that starts with `READY `, parsed as JSON. */
  ready: Record<string, unknown>;
  stop: () => Promise<void>;
}

/** Arguments that run a TypeScript file with node and tsx (path aliases included). */
export function tsNodeArgs(file: string, args: string[] = []): string[] {
  return ["--import", "tsx", file, ...args];
}

/**
 * Arguments that run a TypeScript file built into plain JavaScript first
 * (scripts/build-gateway.ts), as `npm start` runs the gateway: the proxies
 * compared with each other all run without tsx's per-function naming.
 */
export async function builtNodeArgs(file: string, args: string[] = []): Promise<string[]> {
  return ["--enable-source-maps", await buildGatewayEntry(file), ...args];
}

/**
 * Spawns a target and waits for it to print `READY {json}` on stdout.
 * Its stderr is passed through so that a crash explains itself.
 */
export async function spawnReady(
  command: string,
  args: string[],
  options: SpawnOptions & { timeoutMs?: number } = {},
): Promise<RunningProcess> {
  const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"], ...options });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => reject(new Error(`${command} ${args.join(" ")} did not print READY within ${timeoutMs} ms`)), timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(" ")} exited before it was ready (code ${code}, signal ${signal})`));
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      const line = buffer.split("\n").find((l) => l.startsWith("READY "));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice("READY ".length)) as Record<string, unknown>);
      }
    });
  });
  child.stdout?.resume();
  return { child, ready, stop: () => stopProcess(child) };
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

const CLOCK_TICKS_PER_SECOND = 100;

function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

/**
 * CPU seconds (user + system) used so far by a process and its direct
 * children (nginx's workers), from /proc; null where /proc is unavailable.
 */
export function cpuSeconds(pid: number): number | null {
  let total = 0;
  for (const p of [pid, ...childPids(pid)]) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      // Fields after the command name, which may contain spaces, in parentheses.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    } catch {
      if (p === pid) return null;
    }
  }
  return total;
}
