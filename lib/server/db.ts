import "server-only";

import { PrismaPg } from "@prisma/adapter-pg";

import { env } from "@/lib/env";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

// The one Prisma client of the console process.
//
// "server-only" keeps this module (and every domain module importing it) out
// of client bundles. Outside Next.js the marker would throw, so the test
// runner resolves it to its empty build (vitest.config.ts, resolve.alias),
// and scripts that need domain code run under tsx with the react-server
// condition: `tsx --conditions=react-server script.ts`. The database
// scripts themselves (scripts/db/**) never import this module: they talk
// to PostgreSQL through the migration engine and pg.

export { Prisma };

/** A transaction client, as passed to `prisma.$transaction(async (tx) => ...)`. */
export type Tx = Prisma.TransactionClient;

/** What domain functions accept as their last argument: the client or a transaction. */
export type Db = PrismaClient | Tx;

function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url }),
    log: env.NODE_ENV === "development" ? ["warn", "error"] : ["error"],
  });
}

// Without DATABASE_URL the module must still be importable (`next build`
// loads route modules while collecting page data), so the failure is
// deferred to the first use, with a message that says what to do.
function createMissingUrlClient(): PrismaClient {
  return new Proxy({} as PrismaClient, {
    get(_target, property) {
      // Promise resolution probes `then`; answering undefined keeps `await prisma` harmless.
      if (property === "then") return undefined;
      throw new Error(
        "DATABASE_URL is not set. Start the console with `npm start` (it provides an embedded PostgreSQL), or set DATABASE_URL to a postgresql:// URL.",
      );
    },
  });
}

// Next.js re-evaluates modules on every hot reload in development; keeping the
// client on globalThis stops each reload from opening another connection pool.
const globalForPrisma = globalThis as unknown as { porticoPrisma?: PrismaClient };

export const prisma: PrismaClient =
  globalForPrisma.porticoPrisma ?? (env.DATABASE_URL ? createPrismaClient(env.DATABASE_URL) : createMissingUrlClient());

if (env.DATABASE_URL) globalForPrisma.porticoPrisma = prisma;
