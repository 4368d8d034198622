import { DayCache, parseDayRange, PeriodCache } from "./periods";
import { DEFAULT_USAGE_DAYS } from "./types";
import type { CounterStore, Period, QuotaResult, TokenBucketResult } from "./types";

/** Retry-After given by a bucket with a rate of zero: it never refills, so ask for a long wait. */
export const NEVER_REFILLS_RETRY_MS = 3_600_000;

/** Entries a due sweep visits per call, so that no single request pays for sweeping a million keys. */
const SWEEP_CHUNK = 1000;

export interface MemoryStoreOptions {
  /**
   * Upper bound on buckets plus quota counters. Past it, idle entries are
   * swept first; if that is not enough the oldest entries are dropped
   * (a dropped bucket comes back full, a dropped quota counter from zero).
   */
  maxEntries?: number;
  /** How often (by the callers' clock) idle buckets and ended quota periods are swept. */
  sweepIntervalMs?: number;
  /** UTC days of per-key usage kept (each key's ring has one slot per day). Default 90. */
  usageDays?: number;
  /** Upper bound on keys with a usage ring; past it the key counted least recently is dropped. Default 100,000. */
  maxUsageKeys?: number;
}

/**
 * One key's requests per day over the last `days` days: slot `day % days`
 * holds the count of the day it names, so a new day overwrites the day
 * that fell out of the window without any shifting.
 */
class UsageRing {
  readonly days: Int32Array;
  readonly counts: Uint32Array;
  lastDay = -1;

  constructor(length: number) {
    this.days = new Int32Array(length).fill(-1);
    this.counts = new Uint32Array(length);
  }
}

class Bucket {
  constructor(
    public tokens: number,
    public updatedAt: number,
    /** From this moment the bucket is full again, which is what a missing bucket means: it may be dropped. */
    public idleAt: number,
  ) {}
}

class QuotaCounter {
  constructor(
    public start: number,
    public end: number,
    public used: number,
  ) {}
}

/**
 * Counters in this process only: the default for a single gateway. Answers
 * synchronously. Memory stays bounded: buckets that have refilled completely
 * and quota counters whose period ended are swept, and `maxEntries` caps the
 * total.
 */
export class MemoryCounterStore implements CounterStore {
  readonly kind = "memory" as const;
  private readonly buckets = new Map<string, Bucket>();
  private readonly quotas: Record<Period, Map<string, QuotaCounter>> = {
    DAY: new Map(),
    WEEK: new Map(),
    MONTH: new Map(),
  };
  private readonly periods = new PeriodCache();
  private readonly maxEntries: number;
  private readonly sweepIntervalMs: number;
  private nextSweepAt = 0;
  /** The sweep in progress (resumed a chunk per call), or null between sweeps. */
  private sweeper: Generator<void, void, void> | null = null;
  private sweepNow = 0;
  /** Per key id; re-inserted on each new day, so the first entry is the key counted least recently. */
  private readonly usage = new Map<string, UsageRing>();
  private readonly usageDays: number;
  private readonly maxUsageKeys: number;
  private readonly today = new DayCache();

  constructor(options: MemoryStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 1_000_000;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
    this.usageDays = Math.max(1, Math.floor(options.usageDays ?? DEFAULT_USAGE_DAYS));
    this.maxUsageKeys = Math.max(1, Math.floor(options.maxUsageKeys ?? 100_000));
  }

  /** Number of keys with a usage ring (for tests and metrics). */
  get usageKeyCount(): number {
    return this.usage.size;
  }

  /** Number of live buckets and quota counters (for tests and metrics). */
  get size(): number {
    return this.buckets.size + this.quotas.DAY.size + this.quotas.WEEK.size + this.quotas.MONTH.size;
  }

  // Hot path: called for every throttled request. One Map lookup, no
  // allocation besides the result (and the bucket on first use).
  takeToken(key: string, rate: number, burst: number, nowMs: number): TokenBucketResult {
    if (nowMs >= this.nextSweepAt) this.sweepSome(nowMs);
    let bucket = this.buckets.get(key);
    let tokens: number;
    if (bucket === undefined) {
      tokens = burst;
      if (this.size >= this.maxEntries) this.makeRoom(nowMs);
      bucket = new Bucket(tokens, nowMs, nowMs);
      this.buckets.set(key, bucket);
    } else {
      const elapsed = nowMs - bucket.updatedAt;
      tokens = elapsed > 0 && rate > 0 ? Math.min(burst, bucket.tokens + (elapsed * rate) / 1000) : Math.min(burst, bucket.tokens);
      if (elapsed > 0) bucket.updatedAt = nowMs;
    }

    let allowed = false;
    let retryAfterMs = 0;
    if (tokens >= 1) {
      tokens -= 1;
      allowed = true;
    } else {
      retryAfterMs = rate > 0 ? Math.ceil(((1 - tokens) * 1000) / rate) : NEVER_REFILLS_RETRY_MS;
    }
    bucket.tokens = tokens;
    bucket.idleAt = rate > 0 ? bucket.updatedAt + ((burst - tokens) * 1000) / rate : Number.POSITIVE_INFINITY;
    return { allowed, remaining: Math.floor(tokens), retryAfterMs };
  }

  consumeQuota(key: string, limit: number, period: Period, nowMs: number, usageKeyId?: string): QuotaResult {
    if (nowMs >= this.nextSweepAt) this.sweepSome(nowMs);
    const window = this.periods.get(period, nowMs);
    const counters = this.quotas[period];
    let counter = counters.get(key);
    if (counter === undefined) {
      if (this.size >= this.maxEntries) this.makeRoom(nowMs);
      counter = new QuotaCounter(window.start, window.end, 0);
      counters.set(key, counter);
    } else if (counter.start !== window.start) {
      counter.start = window.start;
      counter.end = window.end;
      counter.used = 0;
    }
    if (counter.used >= limit) {
      return { allowed: false, used: counter.used, remaining: 0, resetAt: window.end };
    }
    counter.used += 1;
    if (usageKeyId !== undefined) this.countUsage(usageKeyId, nowMs);
    return { allowed: true, used: counter.used, remaining: Math.max(0, limit - counter.used), resetAt: window.end };
  }

  // Hot path: every keyed request that was served. One Map lookup and two
  // typed-array writes; the day comes from a cached boundary, not a Date.
  countUsage(keyId: string, nowMs: number): void {
    const day = this.today.at(nowMs);
    let ring = this.usage.get(keyId);
    if (ring === undefined) {
      if (this.usage.size >= this.maxUsageKeys) this.dropLeastRecentUsage();
      ring = new UsageRing(this.usageDays);
      this.usage.set(keyId, ring);
    } else if (ring.lastDay !== day) {
      // Once a day per key: move it to the end, so eviction drops the key idle longest.
      this.usage.delete(keyId);
      this.usage.set(keyId, ring);
    }
    const slot = day % this.usageDays;
    if (ring.days[slot] !== day) {
      ring.days[slot] = day;
      ring.counts[slot] = 0;
    }
    ring.counts[slot] += 1;
    ring.lastDay = day;
  }

  readDailyUsage(keyIds: string[], fromDay: string, toDay: string): Promise<Map<string, number[]>> {
    // A bad range rejects the promise, as a store over the network would.
    return new Promise((resolve) => resolve(this.dailyUsage(keyIds, fromDay, toDay)));
  }

  private dailyUsage(keyIds: string[], fromDay: string, toDay: string): Map<string, number[]> {
    const { from, to } = parseDayRange(fromDay, toDay);
    const usage = new Map<string, number[]>();
    for (const keyId of keyIds) {
      const series = new Array<number>(to - from + 1).fill(0);
      const ring = this.usage.get(keyId);
      if (ring !== undefined) {
        for (let day = from; day <= to; day++) {
          const slot = day % this.usageDays;
          if (ring.days[slot] === day) series[day - from] = ring.counts[slot];
        }
      }
      usage.set(keyId, series);
    }
    return usage;
  }

  readQuota(keys: string[], period: Period, nowMs: number): Promise<Map<string, number>> {
    const window = this.periods.get(period, nowMs);
    const counters = this.quotas[period];
    const usage = new Map<string, number>();
    for (const key of keys) {
      const counter = counters.get(key);
      usage.set(key, counter !== undefined && counter.start === window.start ? counter.used : 0);
    }
    return Promise.resolve(usage);
  }

  ready(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    this.buckets.clear();
    for (const counters of Object.values(this.quotas)) counters.clear();
    this.usage.clear();
    return Promise.resolve();
  }

  /** Drops buckets that are full again, quota counters whose period has ended and usage with no day left in the window, all at once. */
  sweep(nowMs: number): void {
    this.sweeper = null;
    this.sweepNow = nowMs;
    // With an infinite chunk the generator never pauses: one step is the whole sweep.
    this.sweepSteps(Number.POSITIVE_INFINITY).next();
    this.nextSweepAt = nowMs + this.sweepIntervalMs;
  }

  /** Advances the due sweep by one chunk; the next sweep is scheduled once this one completes. */
  private sweepSome(nowMs: number): void {
    this.sweepNow = nowMs;
    this.sweeper ??= this.sweepSteps(SWEEP_CHUNK);
    if (this.sweeper.next().done === true) {
      this.sweeper = null;
      this.nextSweepAt = nowMs + this.sweepIntervalMs;
    }
  }

  // Map iterators stay valid while entries are deleted or added, so a sweep
  // can pause between chunks and resume on a later call.
  private *sweepSteps(chunk: number): Generator<void, void, void> {
    let visited = 0;
    for (const [key, bucket] of this.buckets) {
      if (bucket.idleAt <= this.sweepNow) this.buckets.delete(key);
      if (++visited % chunk === 0) yield;
    }
    for (const counters of Object.values(this.quotas)) {
      for (const [key, counter] of counters) {
        if (counter.end <= this.sweepNow) counters.delete(key);
        if (++visited % chunk === 0) yield;
      }
    }
    const oldestKeptDay = this.today.at(this.sweepNow) - this.usageDays + 1;
    for (const [keyId, ring] of this.usage) {
      if (ring.lastDay < oldestKeptDay) this.usage.delete(keyId);
      if (++visited % chunk === 0) yield;
    }
  }

  private dropLeastRecentUsage(): void {
    for (const keyId of this.usage.keys()) {
      this.usage.delete(keyId);
      return;
    }
  }

  private makeRoom(nowMs: number): void {
    this.sweep(nowMs);
    // Still full of live entries: drop the oldest tenth (Maps iterate in
    // insertion order) rather than one per insert, so a flood of new keys
    // costs an amortised constant per request.
    if (this.size < this.maxEntries) return;
    let toDrop = Math.max(1, Math.ceil(this.maxEntries / 10));
    for (const map of [this.buckets, this.quotas.DAY, this.quotas.WEEK, this.quotas.MONTH] as Map<string, unknown>[]) {
      for (const key of map.keys()) {
        if (toDrop === 0) return;
        map.delete(key);
        toDrop -= 1;
      }
    }
  }
}
