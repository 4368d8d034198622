import { MemoryCounterStore } from "./memory";
import type { MemoryStoreOptions } from "./memory";
import { RedisCounterStore } from "./redis";
import type { RedisStoreOptions } from "./redis";
import type { CounterStore } from "./types";

export interface CreateCounterStoreOptions {
  /** When set, counters live in Redis and are shared by every replica using the same URL and prefix. */
  redisUrl?: string;
  /** Redis per-command timeout in ms (default 50). */
  timeoutMs?: number;
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
    return new RedisCounterStore({
      url: options.redisUrl,
      timeoutMs: options.timeoutMs,
      keyPrefix: options.keyPrefix,
      onConnectionError: options.onConnectionError,
      usageDays: options.usageDays,
    });
  }
  return new MemoryCounterStore({ usageDays: options.usageDays, ...options.memory });
}

export { MemoryCounterStore, RedisCounterStore };
export type { MemoryStoreOptions, RedisStoreOptions };
export { computePeriod, formatDay, parseDay, parseDayRange, DAY_MS } from "./periods";
export type { PeriodWindow } from "./periods";
export { createStoreErrorReporter, failOpen, guardStore, STORE_ERRORS_METRIC } from "./fail-open";
export type { GuardOptions, StoreErrorReporter, StoreErrorReporterOptions } from "./fail-open";
export { DEFAULT_USAGE_DAYS, StoreUnavailableError, isStoreUnavailableError } from "./types";
export type { CounterStore, Period, QuotaResult, StoreOp, TokenBucketResult } from "./types";
