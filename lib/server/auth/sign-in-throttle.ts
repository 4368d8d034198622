import "server-only";

import { Prisma, prisma, type Db } from "@/lib/server/db";

// Failed sign-ins are counted per account and per client address in fixed
// windows, in the database so that every console replica sees the same
// count. Five failures in a window and further attempts are refused with 429
// until the window ends; a success clears the account's count.
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;

export function throttleKeys({ emailKey, ip }: { emailKey: string; ip: string }): string[] {
  return ip ? [`email:${emailKey}`, `ip:${ip}`] : [`email:${emailKey}`];
}

/** Seconds until the caller may try again, or 0 when no key is over its limit (`max` counts per window). */
export async function retryAfterSeconds(keys: string[], db: Db = prisma, max: number = MAX_FAILURES): Promise<number> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys } } });
  const now = Date.now();
  let wait = 0;
  for (const row of rows) {
    const endsAt = row.windowStartAt.getTime() + WINDOW_MS;
    if (row.failures >= max && endsAt > now) wait = Math.max(wait, Math.ceil((endsAt - now) / 1000));
  }
  return wait;
}

/** Counts one failure against every key, starting a new window where the old one ended. */
export async function recordFailure(keys: string[], db: Db = prisma): Promise<void> {
  const windowStart = new Date(Date.now() - WINDOW_MS);
  for (const key of keys) {
    // One statement per key, so that concurrent failures never lose a count.
    await db.$executeRaw(Prisma.sql`
      INSERT INTO "SignInThrottle" ("key", "failures", "windowStartAt") VALUES (${key}, 1, now())
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."windowStartAt" < ${windowStart} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
        "windowStartAt" = CASE WHEN "SignInThrottle"."windowStartAt" < ${windowStart} THEN now() ELSE "SignInThrottle"."windowStartAt" END`);
  }
}

export async function clearFailures(key: string, db: Db = prisma): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key } });
}
