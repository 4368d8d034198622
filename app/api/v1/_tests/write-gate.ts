import { randomInt } from "node:crypto";

import pg from "pg";

import { env } from "@/lib/env";
import { prisma } from "@/lib/server/db";
import { waitFor } from "@/test/support/wait-for";

// Holds chosen writes in the database until the test opens the gate, so a
// test can put concurrent requests into one exact interleaving instead of
// hoping the scheduler produces it. The gate is an advisory lock the test
// holds on its own connection; a trigger makes each matching write wait for
// it, inside the writer's transaction, with every lock it already holds.

export type WriteGate = {
  /** The backend of the write waiting at the gate, once one does. */
  waiterPid(): Promise<number | null>;
  /** Waits until a write is parked at the gate and returns its backend. */
  waitForWaiter(): Promise<number>;
  open(): Promise<void>;
  /** Opens the gate if still closed and removes the trigger. */
  dispose(): Promise<void>;
};

export async function closeWriteGate(table: "Resource", condition: string): Promise<WriteGate> {
  const key = randomInt(1, 2 ** 31 - 1);
  const name = `test_gate_${key}`;
  const holder = new pg.Client({ connectionString: env.DATABASE_URL });
  await holder.connect();
  await holder.query("SELECT pg_advisory_lock($1::bigint)", [key]);
  await prisma.$executeRawUnsafe(`
    CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF ${condition} THEN
        PERFORM pg_advisory_xact_lock_shared(${key}::bigint);
      END IF;
      RETURN NEW;
    END;
    $$`);
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER "${name}" BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${name}"()`,
  );

  let closed = true;
  const gate: WriteGate = {
    async waiterPid() {
      // A bigint advisory key below 2^32 shows as classid 0, objid key, objsubid 1.
      const rows = await prisma.$queryRaw<{ pid: number }[]>`
        SELECT pid FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted AND classid = 0 AND objid = ${key}::bigint::oid AND objsubid = 1`;
      return rows[0]?.pid ?? null;
    },
    async waitForWaiter() {
      return waitFor(() => gate.waiterPid(), {
        what: `a write waiting at gate ${name}`,
        until: (pid): pid is number => pid !== null,
        intervalMs: 10,
      });
    },
    async open() {
      if (!closed) return;
      closed = false;
      await holder.query("SELECT pg_advisory_unlock($1::bigint)", [key]);
    },
    async dispose() {
      await gate.open();
      await holder.end();
      await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${name}" ON "${table}"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS "${name}"()`);
    },
  };
  return gate;
}

/** Backends currently waiting for a lock that `pid` holds. */
export async function backendsBlockedBy(pid: number): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE ${pid}::int = ANY(pg_blocking_pids(pid))`;
  return rows.map((row) => row.pid);
}

/** Waits until `count` backends wait for a lock that `pid` holds. */
export async function waitForBlockedBy(pid: number, count: number): Promise<void> {
  await waitFor(() => backendsBlockedBy(pid), {
    what: `${count} backends to wait for backend ${pid}`,
    until: (blocked) => blocked.length >= count,
    intervalMs: 10,
  });
}
