// Serves the console for the end-to-end tests: a fresh database with every
// migration applied, the production build (built first when missing or older
// than the sources), and `next start` on the given port. Stopping this
// process (SIGTERM or SIGINT) stops the server and drops the database.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { startTestDatabase } from "@/test/setup/test-database";

const root = fileURLToPath(new URL("../../", import.meta.url));
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const SOURCES = ["app", "components", "lib", "public", "next.config.js", "package.json", "postcss.config.mjs"];
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".next", "generated"]);

function parsePort(argv: string[]): number {
  const index = argv.indexOf("--port");
  const port = Number(index >= 0 ? argv[index + 1] : process.env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error("Pass the port to serve on: e2e/support/serve.ts --port 4123");
  return port;
}

function newestModification(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry, { withFileTypes: true })) {
    if (child.isDirectory() && SKIPPED_DIRECTORIES.has(child.name)) continue;
    newest = Math.max(newest, newestModification(path.join(entry, child.name)));
  }
  return newest;
}

/** A build is reused unless a source file changed after it was made. */
function buildIsCurrent(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCES.every((source) => newestModification(path.join(root, source)) <= builtAt);
}

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { cwd: root, env, stdio: "inherit" });
}

function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const port = parsePort(process.argv.slice(2));
  const database = await startTestDatabase();
  const env = { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const };
  let server: ChildProcess | null = null;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await waitForExit(server);
    }
    await database.stop().catch((error: unknown) => console.error("Could not drop the end-to-end database:", error));
    process.exit(code);
  };
  process.on("SIGTERM", () => void stop(0));
  process.on("SIGINT", () => void stop(0));

  try {
    if (!buildIsCurrent()) {
      console.log("Building the console (no current production build found)…");
      const code = await waitForExit(run(["build"], env));
      if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
    }
    server = run(["start", "--hostname", "127.0.0.1", "--port", String(port)], env);
    const code = await waitForExit(server);
    if (!stopping) {
      console.error(`next start exited with code ${code}`);
      await stop(code || 1);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

void main();
