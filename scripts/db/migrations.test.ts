import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { readMigrationsList } from "./migrations";

let folder: string | undefined;

afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

describe("readMigrationsList", () => {
  it("lists migration folders in name (timestamp) order with their SQL and the lockfile", async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "portico-migrations-list-"));
    for (const name of ["20260102000000_second", "20260101000000_first"]) {
      await mkdir(path.join(folder, name));
      await writeFile(path.join(folder, name, "migration.sql"), `-- ${name}\n`);
    }
    await writeFile(path.join(folder, "migration_lock.toml"), 'provider = "postgresql"\n');

    const list = await readMigrationsList(folder);

    expect(list.migrationDirectories.map((directory) => directory.path)).toEqual(["20260101000000_first", "20260102000000_second"]);
    expect(list.migrationDirectories[0]?.migrationFile.content).toEqual({
      tag: "ok",
      value: "-- 20260101000000_first\n",
    });
    expect(list.lockfile).toEqual({ path: "migration_lock.toml", content: 'provider = "postgresql"\n' });
  });

  it("reports a folder without migration.sql as an error for the engine instead of skipping it", async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "portico-migrations-list-"));
    await mkdir(path.join(folder, "20260101000000_empty"));
    const list = await readMigrationsList(folder);
    expect(list.migrationDirectories[0]?.migrationFile.content.tag).toBe("error");
    expect(list.lockfile.content).toBeNull();
  });

  it("treats a missing migrations folder as no migrations", async () => {
    const list = await readMigrationsList(path.join(os.tmpdir(), "portico-does-not-exist"));
    expect(list.migrationDirectories).toEqual([]);
  });
});
