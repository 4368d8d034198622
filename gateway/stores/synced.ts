import type { Redis } from "ioredis";
import { NEVER_REFILLS_RETRY_MS } from "./memory";
import { DayCache, PeriodCache } from "./periods";
import { BUCKET_REFILL_LUA, RedisCounterStore, type RedisStoreOptions } from "./redis";
import { StoreUnavailableError } from "./types";
import type { CounterStore, Period, QuotaResult, StoreOp, TokenBucketResult } from "./types";

/**
 * Adds a batch of admitted requests to a shared token bucket and answers
 * what is left in it. The bucket refills by Redis's clock (TIME), so skewed
 * replica clocks cannot over-refill it. Tokens may go below zero when
 * replicas admitted more than the bucket held between two syncs: that debt
 * is paid back by refusals once they see it, bounded at one burst.
 * State: hash {t: tokens, ts: last refill in ms}. Returns tokens left as a
 * string (fractions survive; a Lua number would be truncated).
 */
const SYNC_BUCKET_LUA = `${BUCKET_REFILL_LUA}
local hits = tonumber(ARGV[3])
tokens = tokens - hits
if tokens < -burst then tokens = -burst end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'ts', tostring(now))
local ttl = 86400000
if rate > 0 then ttl = math.ceil((burst - tokens) * 1000 / rate) + 1000 end
redis.call('PEXPIRE', KEYS[1], ttl)
return tostring(tokens)
`;

/**
 * Adds a batch of admitted requests to a quota counter (the key names its
 * period) and, with a second key, to that day's usage counter; answers the
 * period's total. Every admitted request is counted, so the counter is the
 * exact number served, whatever was decided locally.
 */
const SYNC_QUOTA_LUA = `
local hits = tonumber(ARGV[1])
local used = redis.call('INCRBY', KEYS[1], hits)
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
if KEYS[2] and hits > 0 then
  if redis.call('INCRBY', KEYS[2], hits) == hits then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
end
return used
`;

/** A batch of requests in a day's usage counter; the expiry is set by the batch that created it. */
const SYNC_USAGE_LUA = `
if redis.call('INCRBY', KEYS[1], ARGV[1]) == tonumber(ARGV[1]) then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return 1
`;

/** Quota keys outlive their period a little, so a replica whose clock lags still finds its counter. */
const QUOTA_EXPIRY_GRACE_MS = 3_600_000;
/** Entries not used for this long are forgotten (and read from Redis again if they come back). */
const IDLE_ENTRY_MS = 60_000;
const SWEEP_EVERY_MS = 10_000;

interface SyncCommands {
  porticoSyncBucket(key: string, rate: number, burst: number, hits: number): Promise<string>;
  porticoSyncQuota(...args: (string | number)[]): Promise<number>;
  porticoSyncUsage(key: string, hits: number, ttlSeconds: number): Promise<number>;
}

type Waiter = { resolve: () => void; reject: (error: StoreUnavailableError) => void };

/** This replica's view of one shared bucket: the tokens Redis had at the last sync, refilled locally since, less what was admitted here. */
class LocalBucket {
  tokens = 0;
  updatedAt = 0;
  /** Admitted here and not yet sent. */
  pending = 0;
  /**
   * Sent in the sync in flight. Until its answer, these are admissions the
   * other replicas may not know of, like the pending ones: the two together
   * stay under maxUnsyncedHits, which is what bounds over-admission.
   */
  sending = 0;
  /** false until a first sync told this replica what the shared bucket holds. */
  known = false;
  usedAt = 0;
  waiters: Waiter[] = [];
  constructor(
    readonly key: string,
    public rate: number,
    public burst: number,
  ) {}
}

class LocalQuota {
  /** The period's total as Redis had it at the last sync, plus what was admitted here since. */
  used = 0;
  pending = 0;
  sending = 0;
  known = false;
  usedAt = 0;
  waiters: Waiter[] = [];
  constructor(
    readonly key: string,
    public limit: number,
    readonly end: number,
    readonly usageKey: string | null,
  ) {}
}

export interface SyncedRedisStoreOptions extends RedisStoreOptions {
  /** How often what was admitted locally is sent to Redis and the shared state read back. Default 10 ms. */
  syncIntervalMs?: number;
  /**
   * Requests one key may admit here that Redis has not yet acknowledged;
   * past it, requests for that key wait for the sync in flight. A sync
   * starts as soon as half of them are unsent, so the other half carries
   * the key through the round trip: requests wait only when a round trip
   * lasts longer than the key takes to receive half the cap. Default 100.
   */
  maxUnsyncedHits?: number;
}

/**
 * Counters shared through Redis without a Redis round trip per request:
 * each replica decides from its own view of every bucket and quota and
 * reconciles with Redis in batches, every `syncIntervalMs` or once a key
 * has half of `maxUnsyncedHits` admissions not yet sent (Kong's `sync_rate`,
 * Envoy's local-then-global limits). One pipeline per sync sends every
 * key's admissions and reads the shared totals back.
 *
 * The first request for a key (per process, per quota period) waits for a
 * sync, so a replica that starts never hands out a fresh bucket or quota
 * that other replicas already used up. Over-admission is bounded (see the
 * gateway README, "Shared counters"): with R replicas, at most (R − 1) ×
 * maxUnsyncedHits requests per key beyond a quota's limit, and beyond a
 * bucket's at most (R − 1) × min(maxUnsyncedHits, burst + rate × (sync
 * interval + round trip)); one replica alone is exact.
 *
 * Redis down or slow: a sync that fails is counted, its batch is dropped
 * (never replayed: a replayed batch could count requests twice), and until
 * Redis answers again every decision throws StoreUnavailableError, which
 * the plugins' fail-open or fail-closed policy handles as it always did.
 */
export class SyncedRedisCounterStore implements CounterStore {
  readonly kind = "redis" as const;
  private readonly remote: RedisCounterStore;
  readonly client: Redis & SyncCommands;
  private readonly buckets = new Map<string, LocalBucket>();
  private readonly quotas = new Map<string, LocalQuota>();
  /** Usage counter key → requests counted here and not yet sent. */
  private readonly usage = new Map<string, number>();
  private readonly dirtyBuckets = new Set<LocalBucket>();
  private readonly dirtyQuotas = new Set<LocalQuota>();
  private readonly periods = new PeriodCache();
  private readonly today = new DayCache();
  private readonly usageTtlSeconds: number;
  private readonly syncIntervalMs: number;
  private readonly maxUnsyncedHits: number;
  /** Unsent admissions of one key that start a sync before the interval is up: half the cap. */
  private readonly syncAtHits: number;
  private readonly timer: NodeJS.Timeout;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  /** The last sync failed: decisions throw until one succeeds. */
  private failed: StoreUnavailableError | null = null;
  private lastSweepAt = Date.now();
  /** Syncs sent and failed, for metrics and tests. */
  readonly stats = { syncs: 0, failedSyncs: 0 };

  constructor(options: SyncedRedisStoreOptions) {
    this.remote = new RedisCounterStore(options);
    this.client = this.remote.client as Redis & SyncCommands;
    this.client.defineCommand("porticoSyncBucket", { numberOfKeys: 1, lua: SYNC_BUCKET_LUA });
    this.client.defineCommand("porticoSyncQuota", { lua: SYNC_QUOTA_LUA });
    this.client.defineCommand("porticoSyncUsage", { numberOfKeys: 1, lua: SYNC_USAGE_LUA });
    this.usageTtlSeconds = (Math.max(1, Math.floor(options.usageDays ?? 90)) + 1) * 86_400;
    this.syncIntervalMs = Math.max(1, options.syncIntervalMs ?? 10);
    this.maxUnsyncedHits = Math.max(1, Math.floor(options.maxUnsyncedHits ?? 100));
    this.syncAtHits = Math.ceil(this.maxUnsyncedHits / 2);
    this.timer = setInterval(() => void this.sync(), this.syncIntervalMs);
    this.timer.unref();
    this.client.on("ready", () => {
      this.failed = null;
    });
  }

  /** Redis cannot be reached now (disconnected, or the last sync failed). */
  private unavailable(op: StoreOp): StoreUnavailableError | null {
    if (this.client.status !== "ready") {
      return new StoreUnavailableError(
        "redis",
        op,
        `Redis is not connected (${this.client.status}); check that Redis is running and reachable.`,
      );
    }
    return this.failed;
  }

  // Hot path: a map lookup and arithmetic; a promise only for a key's first request or a full batch.
  takeToken(key: string, rate: number, burst: number, nowMs: number): TokenBucketResult | Promise<TokenBucketResult> {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new LocalBucket(key, rate, burst);
      this.buckets.set(key, bucket);
    }
    bucket.usedAt = nowMs;
    bucket.rate = rate;
    bucket.burst = burst;
    const down = this.unavailable("takeToken");
    if (down !== null) {
      // Read it again when Redis is back: the next sync that succeeds clears the failure.
      this.dirtyBuckets.add(bucket);
      throw down;
    }
    if (!bucket.known || bucket.pending + bucket.sending >= this.maxUnsyncedHits) {
      // Decided again once the sync answered: the batch may be full again by then.
      return this.waitForSync(bucket, this.dirtyBuckets).then(() => this.takeToken(key, rate, burst, Date.now()));
    }
    return this.decideToken(bucket, nowMs);
  }

  private decideToken(bucket: LocalBucket, nowMs: number): TokenBucketResult {
    const elapsed = nowMs - bucket.updatedAt;
    if (elapsed > 0 && bucket.rate > 0) bucket.tokens = Math.min(bucket.burst, bucket.tokens + (elapsed * bucket.rate) / 1000);
    if (elapsed > 0) bucket.updatedAt = nowMs;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.pending += 1;
      this.dirtyBuckets.add(bucket);
      if (bucket.pending >= this.syncAtHits) void this.sync();
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterMs: 0 };
    }
    // Refusals are read again with the next sync too: another replica's view or the shared refill may differ.
    this.dirtyBuckets.add(bucket);
    const retryAfterMs = bucket.rate > 0 ? Math.ceil(((1 - bucket.tokens) * 1000) / bucket.rate) : NEVER_REFILLS_RETRY_MS;
    return { allowed: false, remaining: 0, retryAfterMs };
  }

  consumeQuota(key: string, limit: number, period: Period, nowMs: number, usageKeyId?: string): QuotaResult | Promise<QuotaResult> {
    const window = this.periods.get(period, nowMs);
    const quotaKey = `${key}:${window.suffix}`;
    let quota = this.quotas.get(quotaKey);
    if (quota === undefined) {
      quota = new LocalQuota(quotaKey, limit, window.end, usageKeyId === undefined ? null : this.usageKey(usageKeyId, nowMs));
      this.quotas.set(quotaKey, quota);
    }
    quota.usedAt = nowMs;
    quota.limit = limit;
    const down = this.unavailable("consumeQuota");
    if (down !== null) {
      this.dirtyQuotas.add(quota);
      throw down;
    }
    if (!quota.known || quota.pending + quota.sending >= this.maxUnsyncedHits) {
      return this.waitForSync(quota, this.dirtyQuotas).then(() => this.consumeQuota(key, limit, period, Date.now(), usageKeyId));
    }
    return this.decideQuota(quota);
  }

  private decideQuota(quota: LocalQuota): QuotaResult {
    if (quota.used >= quota.limit) {
      this.dirtyQuotas.add(quota);
      return { allowed: false, used: quota.used, remaining: 0, resetAt: quota.end };
    }
    quota.used += 1;
    quota.pending += 1;
    this.dirtyQuotas.add(quota);
    if (quota.pending >= this.syncAtHits) void this.sync();
    return { allowed: true, used: quota.used, remaining: Math.max(0, quota.limit - quota.used), resetAt: quota.end };
  }

  countUsage(keyId: string, nowMs: number): void {
    const down = this.unavailable("countUsage");
    if (down !== null) throw down;
    const key = this.usageKey(keyId, nowMs);
    this.usage.set(key, (this.usage.get(key) ?? 0) + 1);
  }

  readQuota(keys: string[], period: Period, nowMs: number): Promise<Map<string, number>> {
    return this.remote.readQuota(keys, period, nowMs);
  }

  readDailyUsage(keyIds: string[], fromDay: string, toDay: string): Promise<Map<string, number[]>> {
    return this.remote.readDailyUsage(keyIds, fromDay, toDay);
  }

  ready(timeoutMs?: number): Promise<boolean> {
    return this.remote.ready(timeoutMs);
  }

  /** Sends what is still unsent, then closes the connection. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    if (this.client.status === "ready") await this.sync();
    await this.remote.close();
  }

  /** Resolves once a sync has read the entry's shared state; a sync is started now. */
  private waitForSync<T extends { waiters: Waiter[] }>(entry: T, dirty: Set<T>): Promise<void> {
    dirty.add(entry);
    const waiting = new Promise<void>((resolve, reject) => entry.waiters.push({ resolve, reject }));
    void this.sync();
    return waiting;
  }

  /**
   * One pipeline with every key's admissions since the last sync; the
   * answers replace each key's local view. One sync at a time: a sync asked
   * for while one is in flight runs right after it.
   */
  sync(): Promise<void> {
    if (this.syncing !== null) {
      this.syncAgain = true;
      return this.syncing;
    }
    if (this.dirtyBuckets.size === 0 && this.dirtyQuotas.size === 0 && this.usage.size === 0) return Promise.resolve();
    this.syncing = this.sendBatch().finally(() => {
      this.syncing = null;
      if (this.syncAgain) {
        this.syncAgain = false;
        void this.sync();
      }
    });
    return this.syncing;
  }

  private async sendBatch(): Promise<void> {
    const buckets = [...this.dirtyBuckets];
    const quotas = [...this.dirtyQuotas];
    const usage = [...this.usage];
    this.dirtyBuckets.clear();
    this.dirtyQuotas.clear();
    this.usage.clear();
    const pipeline = this.client.pipeline() as ReturnType<Redis["pipeline"]> & {
      [K in keyof SyncCommands]: (...args: Parameters<SyncCommands[K]>) => unknown;
    };
    for (const bucket of buckets) {
      bucket.sending = bucket.pending;
      bucket.pending = 0;
      pipeline.porticoSyncBucket(bucket.key, bucket.rate, bucket.burst, bucket.sending);
    }
    for (const quota of quotas) {
      quota.sending = quota.pending;
      quota.pending = 0;
      const expireAt = quota.end + QUOTA_EXPIRY_GRACE_MS;
      if (quota.usageKey === null) pipeline.porticoSyncQuota(1, quota.key, quota.sending, expireAt, this.usageTtlSeconds);
      else pipeline.porticoSyncQuota(2, quota.key, quota.usageKey, quota.sending, expireAt, this.usageTtlSeconds);
    }
    for (const [key, hits] of usage) pipeline.porticoSyncUsage(key, hits, this.usageTtlSeconds);
    this.stats.syncs += 1;
    let answered: [Error | null, unknown][] | null;
    try {
      answered = await pipeline.exec();
    } catch (error) {
      this.fail(buckets, quotas, error);
      return;
    }
    const firstError = answered?.find(([error]) => error !== null)?.[0];
    if (answered === null || firstError) {
      this.fail(buckets, quotas, firstError ?? new Error("the pipeline was discarded"));
      return;
    }
    const replies = answered;
    this.failed = null;
    const now = Date.now();
    buckets.forEach((bucket, i) => {
      // What Redis holds, less what was admitted here while the sync was in flight.
      bucket.tokens = Number(replies[i][1]) - bucket.pending;
      bucket.updatedAt = now;
      bucket.sending = 0;
      bucket.known = true;
      settle(bucket.waiters, null);
    });
    quotas.forEach((quota, i) => {
      quota.used = Number(replies[buckets.length + i][1]) + quota.pending;
      quota.sending = 0;
      quota.known = true;
      settle(quota.waiters, null);
    });
    if (now - this.lastSweepAt >= SWEEP_EVERY_MS) this.sweep(now);
  }

  private fail(buckets: LocalBucket[], quotas: LocalQuota[], error: unknown): void {
    this.stats.failedSyncs += 1;
    const reason = error instanceof Error ? error.message : String(error);
    const failure = new StoreUnavailableError(
      "redis",
      "sync",
      `Redis could not take the counters' sync (${reason}); check that Redis is running and reachable.`,
      { cause: error },
    );
    this.failed = failure;
    for (const entry of [...buckets, ...quotas]) {
      entry.sending = 0;
      settle(entry.waiters, failure);
    }
  }

  /** Forgets entries nobody used for a while, and quota periods that ended. */
  private sweep(now: number): void {
    this.lastSweepAt = now;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.usedAt > IDLE_ENTRY_MS && bucket.pending === 0 && bucket.waiters.length === 0) this.buckets.delete(key);
    }
    for (const [key, quota] of this.quotas) {
      const idle = now - quota.usedAt > IDLE_ENTRY_MS || now >= quota.end;
      if (idle && quota.pending === 0 && quota.waiters.length === 0) this.quotas.delete(key);
    }
  }

  /** `u:<keyId>:<YYYY-MM-DD>`, as the per-request store names it. */
  private usageKey(keyId: string, nowMs: number): string {
    this.today.at(nowMs);
    return `u:${keyId}:${this.today.date}`;
  }
}

function settle(waiters: Waiter[], error: StoreUnavailableError | null): void {
  if (waiters.length === 0) return;
  const list = waiters.splice(0, waiters.length);
  for (const waiter of list) {
    if (error === null) waiter.resolve();
    else waiter.reject(error);
  }
}
