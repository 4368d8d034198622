// `npm run db:migrate`            apply pending migrations (idempotent)
// `npm run db:migration -- <name>` create a migration from changes to prisma/schema.prisma
//                                  (--empty: create one even without changes, for hand-written SQL)
// `npm run db:status`             migration history and drift against schema.prisma
//
// They work on DATABASE_URL when set, otherwise on the embedded PostgreSQL in
// .data/ (the one `npm start` uses; it is started for the command when
// Portico is not running).

import path from "node:path";

import { applyMigrations, createMigration, diffDatabaseAgainstSchema, migrationStatus, projectRoot } from "./migrations";
import { openProjectDatabase } from "./project-database";

const usage = `Usage:
  npm run db:migrate
  npm run db:migration -- <name> [--empty]
  npm run db:status`;

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command !== "migrate" && command !== "migration" && command !== "status") {
    console.error(usage);
    return 2;
  }
  const name = rest.find((arg) => !arg.startsWith("--"));
  if (command === "migration" && !name) {
    console.error(`A migration needs a name, e.g. npm run db:migration -- add_api_tags\n\n${usage}`);
    return 2;
  }

  const database = await openProjectDatabase({ attachIfRunning: true });
  try {
    console.log(`Database: ${database.description}`);
    if (command === "migrate") {
      const result = await applyMigrations(database.url);
      for (const retried of result.retried) console.log(`Retrying ${retried}, which failed before (its changes were rolled back).`);
      console.log(
        result.applied.length === 0
          ? `No pending migrations (${result.ms} ms).`
          : `Applied ${result.applied.length} migration(s) in ${result.ms} ms:\n${result.applied.map((m) => `  ${m}`).join("\n")}`,
      );
      return 0;
    }
    if (command === "migration" && name) {
      const created = await createMigration(database.url, name, { allowEmpty: rest.includes("--empty") });
      if (!created.directory) {
        console.log("prisma/schema.prisma matches the migrations: nothing to create. Pass --empty for a migration with hand-written SQL.");
        return 0;
      }
      for (const warning of created.warnings) console.warn(`Warning: ${warning}`);
      console.log(
        `Created ${path.relative(projectRoot, created.directory)}/migration.sql (${created.ms} ms).\n` +
          "Review it (add CHECK constraints or triggers Prisma cannot express), then run npm run db:migrate.",
      );
      return 0;
    }
    const status = await migrationStatus(database.url);
    const drift = await diffDatabaseAgainstSchema(database.url);
    const lines = [
      status.pending.length > 0 ? `Pending: ${status.pending.join(", ")} (run npm run db:migrate)` : "No pending migrations.",
      ...(status.failed.length > 0 ? [`Failed: ${status.failed.join(", ")}`] : []),
      ...(status.edited.length > 0 ? [`Edited after being applied: ${status.edited.join(", ")}`] : []),
      ...(status.unknown.length > 0 ? [`Applied but missing from prisma/migrations: ${status.unknown.join(", ")}`] : []),
      drift.inSync
        ? "The database matches prisma/schema.prisma."
        : `The database differs from prisma/schema.prisma:${drift.summary.trimEnd()}\n(create a migration: npm run db:migration -- <name>)`,
    ];
    console.log(lines.join("\n"));
    return status.upToDate && drift.inSync ? 0 : 1;
  } finally {
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
