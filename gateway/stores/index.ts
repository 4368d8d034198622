import { MemoryCounterStore } from "./memory";
import type { MemoryStoreOptions } from "./memory";
import { RedisCounterStore } from "./redis";
import type { RedisStoreOptions } from "./redis";
import { SyncedRedisCounterStore } from "./synced";
import type { CounterStore } from "./types";

export interface CreateCounterStoreOptions {
  /** When set, counters live in Redis and are shared by every replica using the same URL and prefix. */
  redisUrl?: string;
  /** Redis per-command timeout in ms (default 50). */
  timeoutMs?: number;
  /**
   * Redis: how often locally decided counters are reconciled with Redis
   * (default 10 ms). 0: every decision is a Redis round trip of its own.
   */
  syncIntervalMs?: number;
  /** Redis, when syncing: admissions one key may make between two syncs (default 100). */
  maxUnsyncedHits?: number;
  /** Redis key prefix (default `portico:`). */
  keyPrefix?: string;
  onConnectionError?: RedisStoreOptions["onConnectionError"];
  memory?: MemoryStoreOptions;
  /** UTC days of per-key daily usage kept (default 90). */
  usageDays?: number;
}

/** The Redis store when `redisUrl` is set, else the in-process memory store. */
export function createCounterStore(options: CreateCounterStoreOptions = {}): CounterStore {
  if (options.redisUrl) {
    const redis: RedisStoreOptions = {
      url: options.redisUrl,
      timeoutMs: options.timeoutMs,
      keyPrefix: options.keyPrefix,
      onConnectionError: options.onConnectionError,
      usageDays: options.usageDays,
    };
    if (options.syncIntervalMs === 0) return new RedisCounterStore(redis);
    return new SyncedRedisCounterStore({ ...redis, syncIntervalMs: options.syncIntervalMs, maxUnsyncedHits: options.maxUnsyncedHits });
  }
  return new MemoryCounterStore({ usageDays: options.usageDays, ...options.memory });
}

export { MemoryCounterStore, RedisCounterStore, SyncedRedisCounterStore };
export type { MemoryStoreOptions, RedisStoreOptions };
export type { SyncedRedisStoreOptions } from "./synced";
export { computePeriod, formatDay, parseDay, parseDayRange, DAY_MS } from "./periods";
export type { PeriodWindow } from "./periods";
export { createStoreErrorReporter, failOpen, guardStore, STORE_ERRORS_METRIC, STORE_FAIL_OPEN_METRIC } from "./fail-open";
export type { GuardOptions, StoreErrorReporter, StoreErrorReporterOptions, StoreHealth } from "./fail-open";
export { DEFAULT_USAGE_DAYS, StoreUnavailableError, isStoreUnavailableError } from "./types";
export type { CounterStore, Period, QuotaResult, StoreOp, TokenBucketResult } from "./types";
