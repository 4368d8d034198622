// Run by `npm start` (and the e2e server) once the database is migrated:
//   node --conditions=react-server --import tsx scripts/prepare-access.ts <data dir> <console URL>
// with DATABASE_URL set. Prints one line of JSON: what the start should tell
// the operator (see lib/server/auth/prepare-access.ts).

import { env } from "@/lib/env";
import { prepareAccess } from "@/lib/server/auth/prepare-access";
import { prisma } from "@/lib/server/db";

const [dataDir, consoleUrl] = process.argv.slice(2);
if (!dataDir || !consoleUrl) {
  process.stderr.write("usage: prepare-access.ts <data dir> <console URL>\n");
  process.exit(2);
}
if ((env.PORTICO_ADMIN_EMAIL === undefined) !== (env.PORTICO_ADMIN_PASSWORD === undefined)) {
  process.stderr.write("Set both PORTICO_ADMIN_EMAIL and PORTICO_ADMIN_PASSWORD to create the first admin, or neither.\n");
  process.exit(2);
}
try {
  const result = await prepareAccess({
    dataDir,
    consoleUrl,
    adminEmail: env.PORTICO_ADMIN_EMAIL,
    adminPassword: env.PORTICO_ADMIN_PASSWORD,
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await prisma.$disconnect();
}
process.exit(0);
