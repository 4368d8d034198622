// Where the embedded cluster and its programs live. Normally in the project
// (.data/postgres, node_modules). As root, PostgreSQL runs as the "postgres"
// user, which cannot enter a private folder such as /root (mode 0700): then
// the cluster and a copy of the programs go to a home of their own that it
// can reach, /var/lib/portico/<id> (or PORTICO_POSTGRES_HOME), and a file
// beside the project's data folder remembers where, so the data stays found
// when the project is moved.

import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

import { isRoot, type PostgresBinaries } from "./postgres-process";

export const DEFAULT_HOMES_DIR = "/var/lib/portico";

export interface ClusterPlacement {
  /** The cluster's data folder actually used. */
  dataDir: string;
  binaries: PostgresBinaries;
  /** Set when the cluster or the programs were moved out of the project, with why. */
  home?: { dir: string; reason: string };
}

export interface PlacementOptions {
  /** The data folder the project asks for, e.g. <project>/.data/postgres. */
  dataDir: string;
  packaged: PostgresBinaries;
  /** PORTICO_POSTGRES_HOME. */
  home?: string;
  /** Defaults to whether this process runs as root. */
  asRoot?: boolean;
}

/** The folders on the way to `target` (its ancestors, and `target` itself when includeSelf) that others cannot enter. */
export async function foldersClosedToOthers(target: string, includeSelf = false): Promise<string[]> {
  const closed: string[] = [];
  let current = path.resolve(target);
  if (!includeSelf) current = path.dirname(current);
  for (;;) {
    if (existsSync(current)) {
      const info = await stat(current);
      if ((info.mode & 0o001) === 0) closed.push(`${current} (mode ${(info.mode & 0o777).toString(8)})`);
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return closed;
}

/** The file beside the project's data folder that names the home in use. */
export function homePointerOf(dataDir: string): string {
  return `${dataDir}.home`;
}

/** A stable home for one project's data folder, under /var/lib/portico. */
export function defaultHomeFor(dataDir: string): string {
  const id = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16);
  return path.join(DEFAULT_HOMES_DIR, id);
}

async function readPointer(dataDir: string): Promise<string | undefined> {
  try {
    const value = (await readFile(homePointerOf(dataDir), "utf8")).trim();
    return value ? path.resolve(value) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A copy of the programs inside `home`, made once per release: copied to a
 * temporary folder and renamed when complete, so an interrupted copy is never
 * used; copies of other releases are removed.
 */
async function copyBinaries(packaged: PostgresBinaries, home: string): Promise<PostgresBinaries> {
  const name = `postgresql-${packaged.version}`;
  const target = path.join(home, name);
  if (!existsSync(path.join(target, "bin", "postgres"))) {
    for (const entry of await readdir(home)) {
      if (entry.startsWith(".postgresql-")) await rm(path.join(home, entry), { recursive: true, force: true });
    }
    const partial = path.join(home, `.${name}.copy-${process.pid}`);
    await cp(packaged.nativeDir, partial, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    await rm(target, { recursive: true, force: true });
    await rename(partial, target);
  }
  for (const entry of await readdir(home)) {
    if (entry.startsWith("postgresql-") && entry !== name) await rm(path.join(home, entry), { recursive: true, force: true });
  }
  return { nativeDir: target, version: packaged.version };
}

export async function placeCluster(options: PlacementOptions): Promise<ClusterPlacement> {
  const dataDir = path.resolve(options.dataDir);
  const asRoot = options.asRoot ?? isRoot;
  if (!asRoot) return { dataDir, binaries: options.packaged };

  const pointer = await readPointer(dataDir);
  const closedToData = pointer ? [] : await foldersClosedToOthers(dataDir);
  const closedToPrograms = await foldersClosedToOthers(options.packaged.nativeDir, true);
  if (!pointer && closedToData.length === 0 && closedToPrograms.length === 0) return { dataDir, binaries: options.packaged };

  if (closedToData.length > 0 && existsSync(path.join(dataDir, "PG_VERSION"))) {
    // A cluster made in the project while its folders were open is not moved behind its owner's back.
    throw new Error(
      `The embedded PostgreSQL runs as the "postgres" user when started as root, and that user cannot enter:\n  ${closedToData.join("\n  ")}\n` +
        `The cluster in ${dataDir} was created when it could. Allow it again with \`chmod o+x <folder>\`, ` +
        `or set DATABASE_URL to use your own PostgreSQL server.`,
    );
  }

  const home = pointer ?? (options.home ? path.resolve(options.home) : defaultHomeFor(dataDir));
  const closedToHome = await foldersClosedToOthers(path.join(home, "postgres"));
  if (closedToHome.length > 0) {
    throw new Error(
      `The embedded PostgreSQL's home ${home} must be reachable by the "postgres" user, which cannot enter:\n  ${closedToHome.join("\n  ")}\n` +
        `Set PORTICO_POSTGRES_HOME to a folder it can reach, or set DATABASE_URL to use your own PostgreSQL server.`,
    );
  }
  await mkdir(home, { recursive: true, mode: 0o755 });
  const moveData = pointer !== undefined || closedToData.length > 0;
  if (moveData && pointer !== home) await writeFile(homePointerOf(dataDir), `${home}\n`, { mode: 0o644 });

  const binaries = await copyBinaries(options.packaged, home);
  const closed = [...closedToData, ...closedToPrograms];
  const reason = closed.length > 0 ? `the "postgres" user cannot enter ${closed[0]}` : `as recorded in ${homePointerOf(dataDir)}`;
  return { dataDir: moveData ? path.join(home, "postgres") : dataDir, binaries, home: { dir: home, reason } };
}
