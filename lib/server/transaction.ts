import "server-only";

import { prisma, type Db, type Tx } from "@/lib/server/db";

/**
 * Runs `work` in a transaction: a new one on the shared client, or the
 * caller's when `db` already is a transaction, so domain functions compose
 * inside a larger change and still commit (or roll back) as one.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if ("$transaction" in db) return db.$transaction(work);
  return work(db);
}

export { prisma };
