// Global setup of the integration tests: one fresh database for the run, with
// every migration applied. DATABASE_URL is set before the test workers start,
// so lib/server/db.ts in the tests connects to it; tests can also
// inject("databaseUrl").

import type { TestProject } from "vitest/node";

import { startTestDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const database = await startTestDatabase();
  process.env.DATABASE_URL = database.url;
  project.provide("databaseUrl", database.url);
  const host = new URL(database.url);
  console.log(
    `Test database ${host.pathname.slice(1)} on ${host.hostname}:${host.port} ready in ${Math.round(performance.now() - started)} ms`,
  );
  return async () => {
    await database.stop();
  };
}
