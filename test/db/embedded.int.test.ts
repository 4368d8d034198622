import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  livePostmasterPid,
  startEmbeddedPostgres,
  stopAbandonedCluster,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from "@/scripts/db/embedded";
import { packagedBinaries, type PostgresBinaries } from "@/scripts/db/postgres-process";
import { waitFor } from "@/test/support/wait-for";

const holder = fileURLToPath(new URL("./fixtures/hold-embedded-postgres.ts", import.meta.url));
let root: string;
const running: EmbeddedPostgres[] = [];
const children: ChildProcess[] = [];
/** Homes made under /var/lib/portico by starts that use the default. */
const homesToRemove: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "portico-embedded-"));
  await chmod(root, 0o755);
});

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
  }
  for (const server of running) await server.stop();
  await rm(root, { recursive: true, force: true });
  for (const home of homesToRemove) await rm(home, { recursive: true, force: true });
});

async function start(
  dataDir: string,
  options: Pick<EmbeddedPostgresOptions, "attachIfRunning" | "home" | "binaries"> = {},
): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataDir, database: "held", ...options });
  running.push(server);
  return server;
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Runs the holder in its own process group and resolves once its database is ready. */
async function holdInChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", holder, dataDir], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`holder exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, url };
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

describe("embedded PostgreSQL", () => {
  it("keeps its data across a stop and a second start", async () => {
    const dataDir = path.join(root, "restart");
    const first = await start(dataDir);
    await sql(first.url, `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')`);
    await first.stop();

    const second = await start(dataDir);
    expect(await sql(second.url, `SELECT v FROM kept`)).toEqual([{ v: "still here" }]);
    expect(await sql(second.url, `SHOW listen_addresses`)).toEqual([{ listen_addresses: "127.0.0.1" }]);
    await second.stop();
  });

  it("recovers after its whole process group was killed with SIGKILL", async () => {
    const dataDir = path.join(root, "group-kill");
    const { child, url } = await holdInChild(dataDir);
    await sql(url, `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('committed')`);
    if (!child.pid) throw new Error("holder has no pid");
    process.kill(-child.pid, "SIGKILL");
    await killed(child);
    await waitFor(() => livePostmasterPid(dataDir), {
      what: "the postmaster to exit with its process group",
      until: (pid) => pid === undefined,
      timeoutMs: 15_000,
    });

    const restarted = await start(dataDir);
    expect(await sql(restarted.url, `SELECT v FROM kept`)).toEqual([{ v: "committed" }]);
    await restarted.stop();
  });

  it("stops the orphaned server when only its owner was killed, then starts", async () => {
    const dataDir = path.join(root, "owner-kill");
    const { child, url } = await holdInChild(dataDir);
    await sql(url, `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('committed')`);
    const orphan = await livePostmasterPid(dataDir);
    expect(orphan).toBeDefined();
    child.kill("SIGKILL");
    await killed(child);
    expect(await livePostmasterPid(dataDir)).toBe(orphan);

    const restarted = await start(dataDir);
    expect(await livePostmasterPid(dataDir)).not.toBe(orphan);
    expect(await sql(restarted.url, `SELECT v FROM kept`)).toEqual([{ v: "committed" }]);
    await restarted.stop();
  });

  describe.skipIf(process.getuid?.() !== 0)("as root, from a folder the postgres user cannot enter", () => {
    let project: string;
    let packagedCopy: PostgresBinaries;

    beforeAll(async () => {
      // A project cloned into a private home: its data folder and its node_modules are both behind a 0700 folder.
      project = path.join(root, "private-home", "portico");
      await mkdir(project, { recursive: true });
      await chmod(path.dirname(project), 0o700);
      const packaged = await packagedBinaries();
      packagedCopy = { nativeDir: path.join(project, "node_modules", "native"), version: packaged.version };
      await cp(packaged.nativeDir, packagedCopy.nativeDir, { recursive: true, verbatimSymlinks: true });
    });

    it("keeps the cluster and a copy of the programs in a home it can reach, found again after a restart", async () => {
      const home = path.join(root, "homes", "one");
      const dataDir = path.join(project, ".data", "postgres");
      const first = await start(dataDir, { home, binaries: packagedCopy });
      expect(first.home).toEqual({
        dir: home,
        reason: expect.stringContaining(`cannot enter ${path.dirname(project)} (mode 700)`) as string,
      });
      expect(first.dataDir).toBe(path.join(home, "postgres"));
      expect(existsSync(path.join(home, `postgresql-${packagedCopy.version}`, "bin", "postgres"))).toBe(true);
      expect((await readFile(`${dataDir}.home`, "utf8")).trim()).toBe(home);
      await sql(first.url, `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('across restarts')`);
      await first.stop();

      // The pointer beside the data folder wins over a changed PORTICO_POSTGRES_HOME: the data stays found.
      const second = await start(dataDir, { home: path.join(root, "homes", "elsewhere"), binaries: packagedCopy });
      expect(second.dataDir).toBe(path.join(home, "postgres"));
      expect(await sql(second.url, `SELECT v FROM kept`)).toEqual([{ v: "across restarts" }]);
      await second.stop();
    });

    it("recovers after its owner was killed, as in the project folder", async () => {
      const dataDir = path.join(project, ".data", "killed");
      const { child, url } = await holdInChild(dataDir);
      await sql(url, `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('committed')`);
      const home = (await readFile(`${dataDir}.home`, "utf8")).trim();
      homesToRemove.push(home);
      child.kill("SIGKILL");
      await killed(child);

      const restarted = await start(dataDir);
      expect(restarted.dataDir).toBe(path.join(home, "postgres"));
      expect(await sql(restarted.url, `SELECT v FROM kept`)).toEqual([{ v: "committed" }]);
      await restarted.stop();
    });

    it("says what to do when the home itself is out of reach", async () => {
      const closed = path.join(root, "closed-home");
      await mkdir(closed, { mode: 0o700 });
      await chmod(closed, 0o700);
      await expect(
        start(path.join(project, ".data", "unreachable"), { home: path.join(closed, "pg"), binaries: packagedCopy }),
      ).rejects.toThrow(new RegExp(`cannot enter:\\s+${closed} \\(mode 700\\)[\\s\\S]*PORTICO_POSTGRES_HOME`));
    });

    it("does not move a cluster created in the project while it was reachable", async () => {
      const open = path.join(root, "was-open");
      const dataDir = path.join(open, "postgres");
      const server = await start(dataDir);
      await server.stop();
      await chmod(open, 0o700);
      await expect(start(dataDir)).rejects.toThrow(new RegExp(`cannot enter:\\s+${open} \\(mode 700\\)[\\s\\S]*chmod o\\+x`));
    });
  });

  it("refuses to take over a server another live process runs, attaches to it when asked, and stops it once abandoned", async () => {
    const dataDir = path.join(root, "in-use");
    const { child, url } = await holdInChild(dataDir);
    await expect(start(dataDir)).rejects.toThrow(new RegExp(`already running for process ${child.pid}`));
    const attached = await start(dataDir, { attachIfRunning: true });
    expect(attached.owned).toBe(false);
    expect(attached.url).toBe(url);
    await attached.stop();
    expect(await sql(url, `SELECT 1 AS up`)).toEqual([{ up: 1 }]);
    expect(await stopAbandonedCluster(dataDir)).toBe(false);

    // Once its owner is gone, the cluster counts as abandoned and is stopped.
    child.kill("SIGKILL");
    await killed(child);
    expect(await livePostmasterPid(dataDir)).toBeDefined();
    expect(await stopAbandonedCluster(dataDir)).toBe(true);
    expect(await livePostmasterPid(dataDir)).toBeUndefined();
  });
});
