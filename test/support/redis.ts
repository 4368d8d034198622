// Tests that need Redis run when REDIS_URL is set. On a developer's machine
// without one they are skipped; with CI=true they run anyway, so a CI that
// lost its Redis fails loudly instead of passing with the tests unrun.

export const REDIS_URL = process.env.REDIS_URL || undefined;

/** Whether to skip the Redis tests: only outside CI, and only without REDIS_URL. */
export const skipWithoutRedis = REDIS_URL === undefined && process.env.CI !== "true";

/** The Redis the tests use; with CI=true and no REDIS_URL, an error saying so. */
export function requireRedisUrl(): string {
  if (REDIS_URL === undefined) {
    throw new Error(
      "CI=true but REDIS_URL is not set: the Redis tests must run in CI (start Redis and set REDIS_URL=redis://127.0.0.1:6379)",
    );
  }
  return REDIS_URL;
}
