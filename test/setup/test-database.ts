// Databases for tests: a fresh, uniquely named database with every migration
// applied, on the server named by DATABASE_URL (local servers only) or on an
// embedded PostgreSQL in a temporary folder. Used by vitest's global setup
// and meant for Playwright's as well.

import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import pg from "pg";

import { parseEnv } from "@/lib/env";
import { startEmbeddedPostgres, stopAbandonedCluster } from "@/scripts/db/embedded";
import { applyMigrations } from "@/scripts/db/migrations";

export interface TestDatabase {
  /** URL of the fresh database, migrations applied. */
  url: string;
  /** Drops the database (or stops the embedded server and deletes its folder). */
  stop(): Promise<void>;
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Tests create and drop databases: they must never point at a shared or remote server. */
export function assertLocalDatabaseUrl(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(
      `Refusing to run tests against DATABASE_URL on "${host}": tests create and drop databases, so only a local server (127.0.0.1, localhost) is allowed. Unset DATABASE_URL to use an embedded PostgreSQL.`,
    );
  }
}

/** The same server's URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function uniqueDatabaseName(prefix = "portico_test"): string {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  return `${prefix}_${stamp}_${randomBytes(4).toString("hex")}`;
}

async function withMaintenanceClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on the server of `serverUrl`; drop() removes it even with open connections. */
export async function createDatabase(
  serverUrl: string,
  name = uniqueDatabaseName(),
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  await withMaintenanceClient(serverUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  return {
    url: withDatabase(serverUrl, name),
    name,
    drop: () =>
      withMaintenanceClient(serverUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      }),
  };
}

const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/**
 * Drops test databases of runs that were killed before their teardown
 * (names carry their creation time), so a shared local server does not
 * fill up. Recent ones may belong to a run in progress and are left alone.
 */
async function dropStaleTestDatabases(serverUrl: string): Promise<void> {
  await withMaintenanceClient(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname ~ '^portico_test_[0-9]{14}_[0-9a-f]{8}$'",
    );
    for (const { datname } of rows) {
      const stamp = datname.slice("portico_test_".length, "portico_test_".length + 14);
      const created = Date.parse(
        `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(8, 10)}:${stamp.slice(10, 12)}:${stamp.slice(12, 14)}Z`,
      );
      if (Date.now() - created > STALE_AFTER_MS) {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
      }
    }
  });
}

const TEMP_PREFIX = "portico-test-";

/**
 * Stops and deletes the embedded servers of test runs that were killed
 * before their teardown (their owner process is gone), so they do not pile
 * up in the temporary folder holding ports and memory.
 */
async function removeAbandonedTestClusters(): Promise<void> {
  for (const entry of await readdir(os.tmpdir())) {
    if (!entry.startsWith(TEMP_PREFIX)) continue;
    const folder = path.join(os.tmpdir(), entry);
    try {
      if (await stopAbandonedCluster(path.join(folder, "postgres"))) await rm(folder, { recursive: true, force: true });
    } catch {
      // Another run may be cleaning up the same folder; it is not this run's concern.
    }
  }
}

export interface StartTestDatabaseOptions {
  /** A local server to create the database on; by default DATABASE_URL, else an embedded server. */
  serverUrl?: string;
  /** Apply prisma/migrations (default true). */
  migrate?: boolean;
}

export async function startTestDatabase(options: StartTestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? parseEnv(process.env).DATABASE_URL;
  const migrate = options.migrate ?? true;

  if (serverUrl) {
    assertLocalDatabaseUrl(serverUrl);
    await dropStaleTestDatabases(serverUrl);
    const database = await createDatabase(serverUrl);
    try {
      if (migrate) await applyMigrations(database.url);
    } catch (error) {
      await database.drop();
      throw error;
    }
    return { url: database.url, stop: database.drop };
  }

  await removeAbandonedTestClusters();
  const folder = await mkdtemp(path.join(os.tmpdir(), TEMP_PREFIX));
  // mkdtemp creates a private folder; as root the server runs as "postgres" and must enter it.
  await chmod(folder, 0o755);
  const removeFolder = () => rm(folder, { recursive: true, force: true });
  let server;
  try {
    server = await startEmbeddedPostgres({
      dataDir: path.join(folder, "postgres"),
      database: "portico_test",
      ephemeral: true,
    });
  } catch (error) {
    await removeFolder();
    throw error;
  }
  const stop = async () => {
    await server.stop();
    await removeFolder();
  };
  try {
    if (migrate) await applyMigrations(server.url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: server.url, stop };
}
