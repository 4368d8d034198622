import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import {
  applyMigrations,
  createMigration,
  defaultMigrationPaths,
  diffDatabaseAgainstSchema,
  type MigrationPaths,
} from "@/scripts/db/migrations";
import { createDatabase } from "@/test/setup/test-database";

const serverUrl = inject("databaseUrl");
const cleanups: Array<() => Promise<unknown>> = [];

async function scratchDatabase(): Promise<string> {
  const database = await createDatabase(serverUrl, `portico_scratch_${Date.now()}_${Math.floor(Math.random() * 1e6)}`);
  cleanups.push(database.drop);
  return database.url;
}

/** A copy of prisma/ in a temporary folder, so a test can change the schema or add migrations. */
async function copyOfPrismaFolder(): Promise<MigrationPaths> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "portico-migrations-"));
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  await cp(path.dirname(defaultMigrationPaths.schemaPath), folder, { recursive: true });
  return { schemaPath: path.join(folder, "schema.prisma"), migrationsDir: path.join(folder, "migrations") };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("migrations", () => {
  let url: string;

  beforeAll(async () => {
    url = await scratchDatabase();
    await applyMigrations(url);
  });

  it("leave a fresh database exactly as prisma/schema.prisma describes it (no drift)", async () => {
    const drift = await diffDatabaseAgainstSchema(url);
    expect(
      drift.inSync,
      `prisma/schema.prisma and prisma/migrations disagree. Differences:${drift.summary}\n` +
        `SQL that would reconcile them:\n${drift.script}\n` +
        "Create a migration for the schema change: npm run db:migration -- <name>",
    ).toBe(true);
  });

  it("report drift when schema.prisma changes without a migration, naming what changed", async () => {
    const paths = await copyOfPrismaFolder();
    const schema = await readFile(paths.schemaPath, "utf8");
    await writeFile(paths.schemaPath, `${schema}\nmodel Widget {\n  id String @id\n}\n`);
    const drift = await diffDatabaseAgainstSchema(url, paths);
    expect(drift.inSync).toBe(false);
    expect(drift.summary).toContain("Widget");
    expect(drift.script).toContain('CREATE TABLE "Widget"');
  });

  it("are a no-op when applied a second time", async () => {
    const before = await query(url, `SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`);
    const again = await applyMigrations(url);
    expect(again.applied).toEqual([]);
    expect(await query(url, `SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`)).toEqual(before);
  });

  it("record the same checksums as prisma migrate (sha256 of migration.sql), so either tool accepts the history", async () => {
    const rows = await query<{ migration_name: string; checksum: string }>(
      url,
      `SELECT migration_name, checksum FROM _prisma_migrations WHERE rolled_back_at IS NULL`,
    );
    const folders = (await readdir(defaultMigrationPaths.migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory());
    expect(rows).toHaveLength(folders.length);
    for (const row of rows) {
      const sql = await readFile(path.join(defaultMigrationPaths.migrationsDir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
    }
  });
});

describe("a failing migration", () => {
  it("leaves nothing half-applied, reports the database's error, and is retried once fixed", async () => {
    const url = await scratchDatabase();
    const paths = await copyOfPrismaFolder();
    const broken = path.join(paths.migrationsDir, "99990101000000_broken");
    await mkdir(broken);
    await writeFile(
      path.join(broken, "migration.sql"),
      `CREATE TABLE "HalfDone" ("id" TEXT PRIMARY KEY);\nINSERT INTO "NoSuchTable" VALUES (1);\n`,
    );

    await expect(applyMigrations(url, paths)).rejects.toThrow(
      /Migration 99990101000000_broken failed: relation "NoSuchTable" does not exist/,
    );
    const leftovers = await query(url, `SELECT 1 FROM pg_tables WHERE tablename = 'HalfDone'`);
    expect(leftovers).toHaveLength(0);
    // The migrations before it were applied and stay applied.
    expect(await query(url, `SELECT 1 FROM pg_tables WHERE tablename = 'Api'`)).toHaveLength(1);

    await writeFile(path.join(broken, "migration.sql"), `CREATE TABLE "HalfDone" ("id" TEXT PRIMARY KEY);\n`);
    const retried = await applyMigrations(url, paths);
    expect(retried.retried).toEqual(["99990101000000_broken"]);
    expect(retried.applied).toEqual(["99990101000000_broken"]);
    expect(await query(url, `SELECT 1 FROM pg_tables WHERE tablename = 'HalfDone'`)).toHaveLength(1);
  });
});

describe("creating a migration", () => {
  it("writes the schema change to prisma/migrations/<timestamp>_<name>/migration.sql without applying it", async () => {
    const url = await scratchDatabase();
    const paths = await copyOfPrismaFolder();
    const schema = await readFile(paths.schemaPath, "utf8");
    await writeFile(paths.schemaPath, `${schema}\nmodel Widget {\n  id String @id\n  size Int\n}\n`);

    const created = await createMigration(url, "add_widget", { paths });

    expect(created.name).toMatch(/^\d{14}_add_widget$/);
    const sql = await readFile(path.join(paths.migrationsDir, `${created.name}`, "migration.sql"), "utf8");
    expect(sql).toContain('CREATE TABLE "Widget"');
    expect(await readFile(path.join(paths.migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
    expect(await query(url, `SELECT 1 FROM pg_tables WHERE tablename = 'Widget'`)).toHaveLength(0);

    const applied = await applyMigrations(url, paths);
    expect(applied.applied).toEqual([created.name]);
    expect((await diffDatabaseAgainstSchema(url, paths)).inSync).toBe(true);
  });

  it("creates nothing when the schema has not changed", async () => {
    const url = await scratchDatabase();
    const paths = await copyOfPrismaFolder();
    const created = await createMigration(url, "nothing", { paths });
    expect(created.directory).toBeNull();
  });
});
