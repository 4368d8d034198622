/**
 * The counter-store contract: token buckets (throttling) and quota counters.
 *
 * Two implementations exist: an in-process memory store (the default, one
 * gateway process) and a Redis store (several replicas sharing counters).
 * Plugins depend only on this file, `index.ts` (the factory) and
 * `fail-open.ts` (what to do when the store is down).
 *
 * Results:
 * - The memory store answers synchronously (no promise on the hot path); the
 *   Redis store answers with promises. Callers handle both, e.g.
 *   `const r = store.takeToken(...); if (r instanceof Promise) ...`.
 *
 * Keys:
 * - Built by the caller, e.g. `tb:<apiId>:<stage>:<keyId>` for buckets and
 *   `q:<planId>:<keyId>` for quotas. The store appends the period to quota
 *   keys (`:D:20250131`, `:W:20250127`, `:M:202501`) and the Redis store
 *   prefixes every key with its `keyPrefix` (default `portico:`).
 * - Daily usage is counted per API key id: the store names those counters
 *   itself (`u:<keyId>:<YYYY-MM-DD>` in Redis), so callers pass the bare id.
 *
 * Clocks:
 * - The memory store uses the caller's `nowMs`.
 * - The Redis store ignores `nowMs` for token buckets and reads Redis's own
 *   clock (`TIME`) inside the script, so replicas with skewed clocks still
 *   refill one shared bucket consistently. Quota periods are computed from
 *   the caller's `nowMs` (the key of a period must be known before the script
 *   runs); with NTP-synchronised replicas this only decides which period a
 *   request a few milliseconds from midnight falls into.
 *
 * Failures:
 * - The Redis store never hangs a request: every command has a short timeout
 *   (default 50 ms), the offline queue is disabled and nothing is retried, so
 *   a down or slow Redis rejects with `StoreUnavailableError` within the
 *   timeout. It reconnects in the background and recovers by itself.
 * - Plugins decide what that means: wrap the store with `guardStore()` from
 *   `fail-open.ts` (fail open by default: allow the request; or fail closed:
 *   rethrow), which logs at most once per interval and counts every failure
 *   in the Prometheus counter `portico_store_errors_total{store,op}` of the
 *   registry you pass (see `createStoreErrorReporter`).
 */

export interface TokenBucketResult {
  allowed: boolean;
  /** Whole tokens left after this request (for RateLimit-Remaining). */
  remaining: number;
  /** When refused: milliseconds until one token is available (Retry-After). 0 when allowed. */
  retryAfterMs: number;
}

export interface QuotaResult {
  allowed: boolean;
  /** Requests counted in this period including this one (a refused request is not counted). */
  used: number;
  remaining: number;
  /** Epoch ms when the period ends and the counter resets. */
  resetAt: number;
}

export type Period = "DAY" | "WEEK" | "MONTH";

/** The store operations, as used in the `op` label of `portico_store_errors_total`. */
export type StoreOp = "takeToken" | "consumeQuota" | "readQuota" | "countUsage" | "readDailyUsage" | "sync";

/** How many UTC days of per-key usage the stores keep by default (the memory ring's length, the Redis counters' lifetime). */
export const DEFAULT_USAGE_DAYS = 90;

export interface CounterStore {
  readonly kind: "memory" | "redis";
  /**
   * Take one token from bucket `key`, refilling at `rate` tokens/s up to `burst`.
   * A new bucket starts full. With `rate` <= 0 the bucket never refills.
   */
  takeToken(key: string, rate: number, burst: number, nowMs: number): TokenBucketResult | Promise<TokenBucketResult>;
  /**
   * Count one request against quota `key` (limit per period, UTC periods; WEEK starts Monday). Refuses without counting once used >= limit.
   * With `usageKeyId`, an allowed request is also counted in that key's daily usage, in the same step (one Redis round trip).
   */
  consumeQuota(key: string, limit: number, period: Period, nowMs: number, usageKeyId?: string): QuotaResult | Promise<QuotaResult>;
  /** Read-only usage for reporting: used count for each key in the period containing nowMs. */
  readQuota(keys: string[], period: Period, nowMs: number): Promise<Map<string, number>>;
  /**
   * Count one request of API key `keyId` in its usage for the UTC day containing `nowMs`.
   * Callers never wait on it: the memory store counts synchronously, the Redis
   * store sends one command and the promise only reports a failure.
   */
  countUsage(keyId: string, nowMs: number): void | Promise<void>;
  /**
   * Requests per UTC day for each key id, from `fromDay` to `toDay` inclusive
   * (`YYYY-MM-DD`): one number per day, 0 where nothing was counted or the
   * day is older than the store keeps. Throws RangeError on malformed or reversed dates.
   */
  readDailyUsage(keyIds: string[], fromDay: string, toDay: string): Promise<Map<string, number[]>>;
  /**
   * Optional: resolves true once the store can serve (the Redis store has
   * connected), false if that did not happen within `timeoutMs`. Never rejects.
   * The memory store is always ready.
   */
  ready?(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Thrown (or rejected with) by a store that cannot answer right now: Redis
 * down, unreachable, too slow (command timeout) or answering with an error.
 * Anything else a store throws is a programming error and should surface.
 */
export class StoreUnavailableError extends Error {
  readonly code = "STORE_UNAVAILABLE";
  constructor(
    readonly store: CounterStore["kind"],
    readonly op: StoreOp,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StoreUnavailableError";
  }
}

export function isStoreUnavailableError(error: unknown): error is StoreUnavailableError {
  return error instanceof StoreUnavailableError;
}
