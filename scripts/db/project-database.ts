// The database a command in this project works on: DATABASE_URL when set,
// otherwise the embedded PostgreSQL kept in .data/postgres.

import path from "node:path";

import { env } from "@/lib/env";

import { startEmbeddedPostgres } from "./embedded";
import { projectRoot } from "./migrations";

export const dataDir = path.resolve(projectRoot, env.PORTICO_DATA_DIR ?? ".data");
export const embeddedDataDir = path.join(dataDir, "postgres");

export interface ProjectDatabase {
  url: string;
  /** "DATABASE_URL" or "embedded PostgreSQL (.data/postgres, port N)". */
  description: string;
  /** Stops the embedded server when this process started it; otherwise does nothing. */
  stop(): Promise<void>;
}

/** Where a URL points, without its password, for messages. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

export async function openProjectDatabase(
  options: { attachIfRunning?: boolean; onLog?: (line: string) => void } = {},
): Promise<ProjectDatabase> {
  if (env.DATABASE_URL) {
    return {
      url: env.DATABASE_URL,
      description: `DATABASE_URL (${redactUrl(env.DATABASE_URL)})`,
      stop: async () => {},
    };
  }
  const server = await startEmbeddedPostgres({
    dataDir: embeddedDataDir,
    database: "portico",
    attachIfRunning: options.attachIfRunning,
    onLog: options.onLog,
    home: env.PORTICO_POSTGRES_HOME,
  });
  const folder = server.home ? server.dataDir : path.relative(projectRoot, server.dataDir);
  const where = `${folder}, 127.0.0.1:${server.port}${server.home ? `; outside the project because ${server.home.reason}` : ""}`;
  return {
    url: server.url,
    description: server.owned ? `embedded PostgreSQL (${where})` : `embedded PostgreSQL of the running Portico (${where})`,
    stop: () => server.stop(),
  };
}
