import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { defaultHomeFor, foldersClosedToOthers, homePointerOf, placeCluster } from "./postgres-home";
import type { PostgresBinaries } from "./postgres-process";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "portico-home-"));
  await chmod(root, 0o755);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A stand-in for the packaged programs: bin/postgres, and a lib folder. */
async function fakeBinaries(under: string, version = "18.0.0"): Promise<PostgresBinaries> {
  const nativeDir = path.join(under, "node_modules", "native");
  await mkdir(path.join(nativeDir, "bin"), { recursive: true });
  await mkdir(path.join(nativeDir, "lib"), { recursive: true });
  await writeFile(path.join(nativeDir, "bin", "postgres"), "#!/bin/sh\n", { mode: 0o755 });
  await writeFile(path.join(nativeDir, "lib", "libpq.so.5"), "");
  return { nativeDir, version };
}

async function privateProject(): Promise<string> {
  const home = path.join(root, "private");
  await mkdir(path.join(home, "portico"), { recursive: true });
  await chmod(home, 0o700);
  return path.join(home, "portico");
}

describe("placeCluster", () => {
  it("leaves everything in the project when not root", async () => {
    const project = await privateProject();
    const packaged = await fakeBinaries(project);
    const dataDir = path.join(project, ".data", "postgres");
    expect(await placeCluster({ dataDir, packaged, asRoot: false })).toEqual({ dataDir, binaries: packaged });
    expect(existsSync(homePointerOf(dataDir))).toBe(false);
  });

  it("leaves everything in the project when, as root, the postgres user can reach it", async () => {
    const project = path.join(root, "open", "portico");
    await mkdir(project, { recursive: true });
    const packaged = await fakeBinaries(project);
    const dataDir = path.join(project, ".data", "postgres");
    expect(await placeCluster({ dataDir, packaged, asRoot: true, home: path.join(root, "home") })).toEqual({ dataDir, binaries: packaged });
  });

  it("moves the cluster and copies the programs to the home when the project is private, and remembers the home", async () => {
    const project = await privateProject();
    const packaged = await fakeBinaries(project);
    const dataDir = path.join(project, ".data", "postgres");
    await mkdir(path.dirname(dataDir), { recursive: true });
    const home = path.join(root, "homes", "a");

    const placed = await placeCluster({ dataDir, packaged, asRoot: true, home });
    expect(placed.dataDir).toBe(path.join(home, "postgres"));
    expect(placed.binaries).toEqual({ nativeDir: path.join(home, "postgresql-18.0.0"), version: "18.0.0" });
    expect(placed.home?.reason).toBe(`the "postgres" user cannot enter ${path.join(root, "private")} (mode 700)`);
    expect(existsSync(path.join(home, "postgresql-18.0.0", "bin", "postgres"))).toBe(true);
    expect((await readFile(homePointerOf(dataDir), "utf8")).trim()).toBe(home);

    // Later starts follow the pointer, whatever the home setting says now.
    const again = await placeCluster({ dataDir, packaged, asRoot: true, home: path.join(root, "homes", "b") });
    expect(again.dataDir).toBe(path.join(home, "postgres"));
  });

  it("replaces an interrupted copy and removes copies of other releases", async () => {
    const project = await privateProject();
    const dataDir = path.join(project, ".data", "postgres");
    await mkdir(path.dirname(dataDir), { recursive: true });
    const home = path.join(root, "home");
    await placeCluster({ dataDir, packaged: await fakeBinaries(project, "17.0.0"), asRoot: true, home });
    await mkdir(path.join(home, ".postgresql-18.0.0.copy-12345", "bin"), { recursive: true });

    const placed = await placeCluster({ dataDir, packaged: await fakeBinaries(project, "18.0.0"), asRoot: true, home });
    expect(placed.binaries.nativeDir).toBe(path.join(home, "postgresql-18.0.0"));
    expect(existsSync(path.join(home, "postgresql-17.0.0"))).toBe(false);
    expect(existsSync(path.join(home, ".postgresql-18.0.0.copy-12345"))).toBe(false);
  });

  it("copies only the programs when the data folder is reachable but node_modules is not", async () => {
    const project = await privateProject();
    const packaged = await fakeBinaries(project);
    const dataDir = path.join(root, "srv", "postgres");
    await mkdir(path.dirname(dataDir), { recursive: true });
    const home = path.join(root, "home");
    const placed = await placeCluster({ dataDir, packaged, asRoot: true, home });
    expect(placed.dataDir).toBe(dataDir);
    expect(placed.binaries.nativeDir).toBe(path.join(home, "postgresql-18.0.0"));
    expect(existsSync(homePointerOf(dataDir))).toBe(false);
  });

  it("refuses to move a cluster that already lives in a folder now closed, saying how to open it", async () => {
    const project = await privateProject();
    const dataDir = path.join(project, ".data", "postgres");
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, "PG_VERSION"), "18\n");
    await expect(
      placeCluster({ dataDir, packaged: await fakeBinaries(root), asRoot: true, home: path.join(root, "home") }),
    ).rejects.toThrow(/cannot enter:\s+\S+private \(mode 700\)[\s\S]*chmod o\+x/);
  });
});

describe("foldersClosedToOthers", () => {
  it("lists every closed folder on the way, with its mode", async () => {
    const project = await privateProject();
    expect(await foldersClosedToOthers(path.join(project, "x"))).toEqual([`${path.join(root, "private")} (mode 700)`]);
    expect(await foldersClosedToOthers(path.join(root, "x"))).toEqual([]);
  });
});

describe("defaultHomeFor", () => {
  it("is stable per data folder and differs between folders", () => {
    expect(defaultHomeFor("/root/a/.data/postgres")).toBe(defaultHomeFor("/root/a/.data/postgres"));
    expect(defaultHomeFor("/root/a/.data/postgres")).not.toBe(defaultHomeFor("/root/b/.data/postgres"));
    expect(defaultHomeFor("/root/a/.data/postgres")).toMatch(/^\/var\/lib\/portico\/[0-9a-f]{16}$/);
  });
});
