// `npm start`: everything Portico needs on one machine, from a fresh clone.
//   1. the database: DATABASE_URL, or an embedded PostgreSQL in .data/postgres;
//      pending migrations are applied;
//   2. the console: `next start` (after `next build` when the build is missing
//      or older than the sources), or `next dev` with --dev (`npm run dev`);
//   3. one gateway node (proxy and admin ports), sharing a generated admin
//      token with the console;
// then it prints the URLs. Ctrl-C (or SIGTERM) stops the gateway (which
// drains in-flight requests) and the console, then the database. A child
// that exits on its own is started again with a growing delay (logged),
// and the other keeps running: the gateway serves its last configuration
// while the console is down.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";

import { env } from "@/lib/env";

import { buildGatewayEntry } from "./build-gateway";
import { supervise, type Supervisor } from "./supervise";
import { applyMigrations, projectRoot } from "./db/migrations";
import { dataDir, openProjectDatabase, type ProjectDatabase } from "./db/project-database";
import { runPrepareAccess } from "./run-prepare-access";

const dev = process.argv.includes("--dev");
const started = performance.now();
const nextBin = path.join(projectRoot, "node_modules", "next", "dist", "bin", "next");
const gatewayMain = path.join(projectRoot, "gateway", "main.ts");
const buildIdFile = path.join(projectRoot, ".next", "BUILD_ID");
const CHILD_STOP_TIMEOUT_MS = 40_000;
const READY_TIMEOUT_MS = 120_000;

/** Files whose change makes a production build stale. */
const BUILD_INPUTS = ["app", "components", "lib", "public", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const BUILD_INPUT_IGNORED = new Set(["node_modules", "generated", ".next"]);

function elapsed(): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

function say(message: string): void {
  process.stdout.write(`portico: ${message}\n`);
}

class StartError extends Error {}

async function assertPortFree(port: number, what: string, variable: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "0.0.0.0", exclusive: true }, () => server.close(() => resolve(true)));
  });
  if (!free) {
    throw new StartError(
      `Port ${port} (${what}) is already in use. Stop whatever uses it, or pick another port: ${variable}=${port + 10} npm start`,
    );
  }
}

async function newestMtime(entry: string): Promise<number> {
  if (!existsSync(entry)) return 0;
  const info = await stat(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const child of await readdir(entry, { withFileTypes: true })) {
    if (BUILD_INPUT_IGNORED.has(child.name) || child.name.endsWith(".test.ts")) continue;
    newest = Math.max(newest, await newestMtime(path.join(entry, child.name)));
  }
  return newest;
}

/** Why a production build is needed, or undefined when .next is up to date. */
async function buildNeeded(): Promise<string | undefined> {
  if (!existsSync(buildIdFile)) return "there is no production build yet";
  const builtAt = (await stat(buildIdFile)).mtimeMs;
  const inputs = await Promise.all(BUILD_INPUTS.map((entry) => newestMtime(path.join(projectRoot, entry))));
  return Math.max(...inputs) > builtAt ? "the sources changed since the last build" : undefined;
}

function pipeOutput(child: ChildProcess, label: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on("line", (line) => process.stdout.write(`[${label}] ${line}\n`));
  }
}

/** The running `next build`, stopped with everything else on Ctrl-C. */
let buildProcess: ChildProcess | undefined;

function runToCompletion(command: string, args: string[], label: string, childEnv: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    buildProcess = child;
    pipeOutput(child, label);
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new StartError(`${label} failed (${signal ?? `exit code ${code}`}); see its output above.`)),
    );
  });
}

async function adminToken(): Promise<string> {
  if (env.GATEWAY_ADMIN_TOKEN) return env.GATEWAY_ADMIN_TOKEN;
  const file = path.join(dataDir, "gateway-admin-token");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const token = randomBytes(32).toString("hex");
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return token;
}

async function waitForHttp(url: string, isUp: (status: number) => boolean, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      if (isUp(response.status)) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new StartError(`${url} did not answer within ${READY_TIMEOUT_MS / 1000} s.`);
}

/**
 * The processes of the running start, so that a start after this one was
 * killed (SIGKILL leaves the console and the gateway running, holding their
 * ports) can stop those leftovers first. The embedded PostgreSQL handles
 * its own leftovers (scripts/db/embedded.ts).
 */
const processesFile = path.join(dataDir, "processes.json");

interface ProcessesRecord {
  startPid: number;
  children: Array<{ label: string; pid: number }>;
}

async function commandLineOf(pid: number): Promise<string | undefined> {
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  try {
    return (await readFile(`/proc/${pid}/cmdline`, "utf8")).replaceAll("\0", " ");
  } catch {
    // No /proc: the pid is alive, and was ours when recorded.
    return "";
  }
}

async function stopLeftovers(): Promise<void> {
  let record: ProcessesRecord;
  try {
    record = JSON.parse(await readFile(processesFile, "utf8")) as ProcessesRecord;
  } catch {
    return;
  }
  const starter = await commandLineOf(record.startPid);
  if (record.startPid !== process.pid && starter !== undefined && /start\.ts/.test(starter)) {
    throw new StartError(
      `Portico is already running (process ${record.startPid}). Stop it first (Ctrl-C in its terminal, or kill ${record.startPid}).`,
    );
  }
  for (const { label, pid } of record.children) {
    const commandLine = await commandLineOf(pid);
    // A recorded pid may have been reused by an unrelated process since.
    if (commandLine === undefined || !/next|gateway/.test(commandLine)) continue;
    say(`stopping the ${label} left running by a previous start that was killed (process ${pid})...`);
    process.kill(pid, "SIGTERM");
    const deadline = Date.now() + 10_000;
    while ((await commandLineOf(pid)) !== undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if ((await commandLineOf(pid)) !== undefined) process.kill(pid, "SIGKILL");
  }
  await rm(processesFile, { force: true });
}

async function recordProcesses(): Promise<void> {
  const record: ProcessesRecord = {
    startPid: process.pid,
    children: children.flatMap((supervisor) => {
      const pid = supervisor.current().pid;
      return pid ? [{ label: supervisor.label, pid }] : [];
    }),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(processesFile, `${JSON.stringify(record, null, 2)}\n`);
}

const children: Supervisor[] = [];
let database: ProjectDatabase | undefined;
let shuttingDown: Promise<void> | undefined;

/** Stops the children (gateway drains, console exits), then the database, then exits. */
function shutdown(reason: string, exitCode: number): Promise<void> {
  shuttingDown ??= (async () => {
    say(`${reason}: stopping...`);
    if (buildProcess && buildProcess.exitCode === null && buildProcess.signalCode === null) buildProcess.kill("SIGTERM");
    // The gateway drains in-flight requests on SIGTERM; next stops accepting and exits.
    const stopped = Promise.all(children.map((supervisor) => supervisor.stop("SIGTERM")));
    const timer = setTimeout(() => {
      for (const supervisor of children) {
        const child = supervisor.current();
        if (child.exitCode === null && child.signalCode === null) {
          say(`${supervisor.label} did not stop within ${CHILD_STOP_TIMEOUT_MS / 1000} s; killing it.`);
          child.kill("SIGKILL");
        }
      }
    }, CHILD_STOP_TIMEOUT_MS);
    timer.unref();
    await stopped;
    clearTimeout(timer);
    if (database) await database.stop();
    await rm(processesFile, { force: true });
    say("stopped.");
    process.exit(exitCode);
  })();
  return shuttingDown;
}

async function main(): Promise<void> {
  const consolePort = env.PORT;
  const withGateway = existsSync(gatewayMain);
  await stopLeftovers();
  await assertPortFree(consolePort, "console", "PORT");
  if (withGateway) {
    await assertPortFree(env.GATEWAY_PORT, "gateway proxy", "GATEWAY_PORT");
    await assertPortFree(env.GATEWAY_ADMIN_PORT, "gateway admin API", "GATEWAY_ADMIN_PORT");
  }

  let firstInterruptAt: number | undefined;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      // Ctrl-C reaches this process twice (from the terminal and relayed by
      // npm/tsx), so only a second interrupt a moment later means "force".
      const now = Date.now();
      firstInterruptAt ??= now;
      if (now - firstInterruptAt > 1_000) {
        say("second interrupt: killing everything now.");
        for (const supervisor of children) void supervisor.stop("SIGKILL");
        void database?.stop().finally(() => process.exit(130));
        return;
      }
      void shutdown(`received ${signal}`, 0);
    });
  }

  /** Runs a child under supervision: restarted with backoff when it exits on its own, the other children untouched. */
  const superviseChild = (label: string, start: () => ChildProcess): Supervisor => {
    let firstStart = true;
    const supervisor = supervise({
      label,
      start: () => {
        const child = start();
        pipeOutput(child, label);
        return child;
      },
      log: say,
      onStart: () => {
        // The first start is recorded once every child runs; a restart changes a pid, so record it again.
        if (firstStart) firstStart = false;
        else void recordProcesses();
      },
    });
    children.push(supervisor);
    return supervisor;
  };

  // The build does not need the database, so both run at the same time.
  const childEnvBase: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const buildReason = dev ? undefined : await buildNeeded();
  const building = buildReason
    ? (say(`building the console first, because ${buildReason} (next build)...`),
      runToCompletion(process.execPath, [nextBin, "build"], "build", { ...childEnvBase, NODE_ENV: "production" }).then(() =>
        say(`console built (${elapsed()}).`),
      ))
    : Promise.resolve();
  // A failed build must not leave an unhandled rejection while the database starts.
  building.catch(() => undefined);

  database = await openProjectDatabase();
  say(`database: ${database.description}`);
  const migrations = await applyMigrations(database.url);
  for (const retried of migrations.retried) say(`retried migration ${retried}, which had failed before (it left no changes).`);
  say(
    migrations.applied.length > 0
      ? `applied ${migrations.applied.length} migration(s) in ${migrations.ms} ms.`
      : `database schema up to date (${migrations.ms} ms).`,
  );

  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  const access = await runPrepareAccess({ databaseUrl: database.url, dataDir, consoleUrl, env: process.env });
  if (access.state === "ready" && access.createdAdmin) say(`created the first admin, ${access.createdAdmin} (PORTICO_ADMIN_EMAIL).`);

  const token = await adminToken();
  const gatewayAdminUrl = `http://127.0.0.1:${env.GATEWAY_ADMIN_PORT}`;
  let gateway: Supervisor | undefined;
  if (withGateway) {
    const gatewayBuild = await buildGatewayEntry(gatewayMain);
    gateway = superviseChild("gateway", () =>
      spawn(process.execPath, ["--enable-source-maps", gatewayBuild], {
        cwd: projectRoot,
        env: {
          ...childEnvBase,
          GATEWAY_PORT: String(env.GATEWAY_PORT),
          GATEWAY_ADMIN_PORT: String(env.GATEWAY_ADMIN_PORT),
          GATEWAY_ADMIN_TOKEN: token,
          GATEWAY_DATA_DIR: path.join(dataDir, "gateway"),
        },
        stdio: ["ignore", "pipe", "pipe"],
      }),
    );
  }

  await building;
  const databaseUrl = database.url;
  const consoleProcess = superviseChild("console", () =>
    spawn(process.execPath, [nextBin, dev ? "dev" : "start", "--port", String(consolePort), "--hostname", "127.0.0.1"], {
      cwd: projectRoot,
      env: {
        ...childEnvBase,
        NODE_ENV: dev ? "development" : "production",
        PORT: String(consolePort),
        DATABASE_URL: databaseUrl,
        PORTICO_DATA_DIR: dataDir,
        GATEWAY_ADMIN_TOKEN: token,
        GATEWAY_NODES: env.GATEWAY_NODES.length > 0 ? env.GATEWAY_NODES.join(",") : withGateway ? gatewayAdminUrl : "",
        PUBLIC_GATEWAY_URL: env.PUBLIC_GATEWAY_URL,
      },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );

  await recordProcesses();

  await Promise.all([
    waitForHttp(`${consoleUrl}/api/v1/health`, (status) => status === 200, consoleProcess.current()),
    gateway ? waitForHttp(`${gatewayAdminUrl}/healthz`, (status) => status === 200, gateway.current()) : Promise.resolve(),
  ]);
  if (shuttingDown) return;

  const lines = [
    `ready in ${elapsed()}${dev ? " (development mode)" : ""}.`,
    `  Console        ${consoleUrl}`,
    `  API            ${consoleUrl}/api/v1  (OpenAPI: ${consoleUrl}/api/v1/openapi.json)`,
    ...(gateway
      ? [
          `  Gateway        ${env.PUBLIC_GATEWAY_URL}/<apiId>/<stage>/<path>`,
          `  Gateway admin  ${gatewayAdminUrl}  (token in ${env.GATEWAY_ADMIN_TOKEN ? "GATEWAY_ADMIN_TOKEN" : path.relative(process.cwd(), path.join(dataDir, "gateway-admin-token"))})`,
        ]
      : ["  Gateway        not started (gateway/main.ts is missing)"]),
    `  Database       ${database.description}`,
    ...(access.state === "setup"
      ? [
          "",
          "No user exists yet. Open this one-time link to create the first admin:",
          `  ${access.setupUrl}`,
          `(the code is also in ${access.setupCodeFile}; or start with PORTICO_ADMIN_EMAIL and PORTICO_ADMIN_PASSWORD)`,
        ]
      : []),
    "Press Ctrl-C to stop.",
  ];
  say(lines.join("\n"));
}

/**
 * `--prepare` (run by npm's postinstall): build the console once on a fresh
 * clone, so that the first `npm start` answers in seconds instead of waiting
 * for `next build`. It never fails the install: `npm start` builds when needed.
 */
async function prepare(): Promise<void> {
  if (existsSync(buildIdFile)) return;
  say("building the console for the first start (next build)...");
  try {
    await runToCompletion(process.execPath, [nextBin, "build"], "build", {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    });
    say(`console built (${elapsed()}).`);
  } catch (error) {
    say(`the console could not be built now (${error instanceof Error ? error.message : String(error)}); npm start will build it.`);
  }
}

if (process.argv.includes("--prepare")) {
  await prepare();
  process.exit(0);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`portico: ${message}\n`);
  if (!(error instanceof StartError) && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  if (children.length === 0 && !database) process.exit(1);
  void shutdown("could not start", 1);
});
