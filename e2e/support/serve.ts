// Serves the console for the end-to-end tests: a fresh database with every
// migration applied, one gateway node on the given ports (its own temporary
// data folder), the production build (built first when missing or older than
// the sources), and `next start` on the given port, configured to push to
// that node and to show its invoke URLs. Stopping this process (SIGTERM or
// SIGINT) stops both servers, drops the database and deletes the node's data.
//
//   tsx e2e/support/serve.ts --port 4123 --gateway-port 4124 --gateway-admin-port 4125

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { TEST_ADMIN_TOKEN } from "@/test/support/gateway/admin-client";
import { spawnGateway, type GatewayProcess } from "@/test/support/gateway/gateway-process";
import { runPrepareAccess } from "@/scripts/run-prepare-access";
import { startTestDatabase, type TestDatabase } from "@/test/setup/test-database";

const root = fileURLToPath(new URL("../../", import.meta.url));
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const SOURCES = ["app", "components", "lib", "public", "next.config.js", "package.json", "postcss.config.mjs"];
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".next", "generated"]);

const USAGE = "e2e/support/serve.ts --port 4123 --gateway-port 4124 --gateway-admin-port 4125 --data-dir /tmp/portico-e2e";

function parsePort(argv: string[], flag: string): number {
  const index = argv.indexOf(flag);
  const port = Number(index >= 0 ? argv[index + 1] : Number.NaN);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`Pass ${flag} with a free port: ${USAGE}`);
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

/** The gateway's last log lines, so that a node that dies says why. */
function lastLogs(gateway: GatewayProcess): string {
  return gateway.logs
    .slice(-20)
    .map((entry) => JSON.stringify(entry))
    .join("\n");
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const port = parsePort(argv, "--port");
  const gatewayPort = parsePort(argv, "--gateway-port");
  const gatewayAdminPort = parsePort(argv, "--gateway-admin-port");
  const dataDirIndex = argv.indexOf("--data-dir");
  const consoleDataDir = dataDirIndex >= 0 ? argv[dataDirIndex + 1] : undefined;
  if (!consoleDataDir) throw new Error(`--data-dir is required\n${USAGE}`);
  let database: TestDatabase | null = null;
  let gateway: GatewayProcess | null = null;
  let gatewayDataDir: string | null = null;
  let server: ChildProcess | null = null;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await waitForExit(server);
    }
    await gateway?.stop();
    if (gatewayDataDir) await rm(gatewayDataDir, { recursive: true, force: true });
    await rm(consoleDataDir, { recursive: true, force: true });
    await database?.stop().catch((error: unknown) => console.error("Could not drop the end-to-end database:", error));
    process.exit(code);
  };
  process.on("SIGTERM", () => void stop(0));
  process.on("SIGINT", () => void stop(0));

  try {
    gatewayDataDir = await mkdtemp(path.join(tmpdir(), "portico-e2e-gateway-"));
    // Started side by side: the database, the node and a build share no state.
    const [startedDatabase, startedGateway] = await Promise.allSettled([
      startTestDatabase(),
      spawnGateway({
        dataDir: gatewayDataDir,
        env: { GATEWAY_PORT: String(gatewayPort), GATEWAY_ADMIN_PORT: String(gatewayAdminPort) },
        // tsx compiles the gateway on its first start, which is slow while a build runs.
        timeoutMs: 60_000,
      }),
    ]);
    if (startedDatabase.status === "fulfilled") database = startedDatabase.value;
    if (startedGateway.status === "fulfilled") gateway = startedGateway.value;
    if (startedDatabase.status === "rejected") throw startedDatabase.reason;
    if (startedGateway.status === "rejected") throw startedGateway.reason;
    const node = startedGateway.value;
    void node.exited.then((code) => {
      if (stopping) return;
      console.error(`The gateway node exited with code ${code}. Its last log lines:\n${lastLogs(node)}`);
      void stop(1);
    });

    const buildEnv = {
      ...process.env,
      DATABASE_URL: startedDatabase.value.url,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production" as const,
    };
    if (!buildIsCurrent()) {
      console.log("Building the console (no current production build found)…");
      const startedAt = Date.now();
      const code = await waitForExit(run(["build"], buildEnv));
      if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
      console.log(`Built the console in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
    }
    console.log(`Gateway node: proxy ${node.proxyUrl}, admin ${node.adminUrl}`);
    // No user yet: the start writes the one-time setup code that the first-run spec uses.
    await mkdir(consoleDataDir, { recursive: true });
    const access = await runPrepareAccess({
      databaseUrl: startedDatabase.value.url,
      dataDir: consoleDataDir,
      consoleUrl: `http://127.0.0.1:${port}`,
      env: { ...process.env, PORTICO_ADMIN_EMAIL: "", PORTICO_ADMIN_PASSWORD: "" },
    });
    if (access.state !== "setup") throw new Error("The end-to-end database should start with no user");
    server = run(["start", "--hostname", "127.0.0.1", "--port", String(port)], {
      ...buildEnv,
      GATEWAY_NODES: node.adminUrl,
      PORTICO_DATA_DIR: consoleDataDir,
      GATEWAY_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      PUBLIC_GATEWAY_URL: node.proxyUrl,
      // Usage counters stay in the node's memory: the console must not read
      // them from a Redis the node does not write to.
      REDIS_URL: "",
    });
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
