import { Counter } from "prom-client";
import type { Registry } from "prom-client";
import { computePeriod } from "./periods";
import { isStoreUnavailableError } from "./types";
import type { CounterStore, Period, QuotaResult, StoreOp, StoreUnavailableError, TokenBucketResult } from "./types";

export const STORE_ERRORS_METRIC = "portico_store_errors_total";
export const STORE_FAIL_OPEN_METRIC = "portico_store_fail_open_total";

/** What readiness shows about the counter store: failures so far, requests let through because of them, the last one. */
export interface StoreHealth {
  errors: number;
  failOpenDecisions: number;
  lastError: { op: StoreOp; message: string; at: string } | null;
}

/** Counts and logs store failures. One per process is enough; plugins share it. */
export interface StoreErrorReporter {
  report(error: StoreUnavailableError): void;
  /** A request was let through unchecked because the store failed (fail-open): counted apart, because it is a limit not enforced. */
  failedOpen(error: StoreUnavailableError): void;
  health(): StoreHealth;
}

export interface StoreErrorReporterOptions {
  /** Where `portico_store_errors_total{store,op}` is registered (the gateway's /metrics registry). */
  registry?: Registry;
  /** Receives at most one line per interval. Default: a JSON line on stderr. */
  log?: (entry: { level: "warn"; msg: string; store: string; op: StoreOp; suppressed: number; error: string }) => void;
  /** Minimum time between two log lines. Default 10 s. */
  logIntervalMs?: number;
}

function defaultLog(entry: object): void {
  console.error(JSON.stringify(entry));
}

function storeErrorsCounter(registry: Registry): Counter<"store" | "op"> {
  const existing = registry.getSingleMetric(STORE_ERRORS_METRIC);
  if (existing instanceof Counter) return existing;
  return new Counter({
    name: STORE_ERRORS_METRIC,
    help: "Counter store operations that failed (store down, unreachable or too slow); each one was failed open or closed as its plugin decided.",
    labelNames: ["store", "op"],
    registers: [registry],
  });
}

function failOpenCounter(registry: Registry): Counter<"store" | "op"> {
  const existing = registry.getSingleMetric(STORE_FAIL_OPEN_METRIC);
  if (existing instanceof Counter) return existing;
  return new Counter({
    name: STORE_FAIL_OPEN_METRIC,
    help: "Throttle and quota decisions the counter store could not make, whose requests were let through unchecked (GATEWAY_STORE_FAILURE=open).",
    labelNames: ["store", "op"],
    registers: [registry],
  });
}

/**
 * Counts every store failure and logs at most one line per interval, saying
 * how many failures the quiet period hid: a Redis outage at 20k req/s must
 * not become 20k log lines per second.
 */
export function createStoreErrorReporter(options: StoreErrorReporterOptions = {}): StoreErrorReporter {
  const counter = options.registry ? storeErrorsCounter(options.registry) : null;
  const openCounter = options.registry ? failOpenCounter(options.registry) : null;
  const log = options.log ?? defaultLog;
  const intervalMs = options.logIntervalMs ?? 10_000;
  let lastLogAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  let errors = 0;
  let failOpenDecisions = 0;
  let lastError: StoreUnavailableError | null = null;
  let lastErrorAt = 0;
  return {
    failedOpen(error) {
      openCounter?.inc({ store: error.store, op: error.op });
      failOpenDecisions += 1;
    },
    health() {
      const last = lastError === null ? null : { op: lastError.op, message: lastError.message, at: new Date(lastErrorAt).toISOString() };
      return { errors, failOpenDecisions, lastError: last };
    },
    report(error) {
      counter?.inc({ store: error.store, op: error.op });
      errors += 1;
      lastError = error;
      lastErrorAt = Date.now();
      const now = Date.now();
      if (now - lastLogAt < intervalMs) {
        suppressed += 1;
        return;
      }
      lastLogAt = now;
      log({
        level: "warn",
        msg: "Counter store unavailable; requests are handled by the plugins' fail-open or fail-closed policy until it recovers.",
        store: error.store,
        op: error.op,
        suppressed,
        error: error.message,
      });
      suppressed = 0;
    },
  };
}

export interface GuardOptions {
  /** true (default): allow the request when the store is down. false: rethrow, so the plugin refuses it. */
  failOpen?: boolean;
  reporter: StoreErrorReporter;
}

/**
 * Wraps a store so that its unavailability is reported and, when failing
 * open, answered with "allowed". Other errors (bugs) pass through untouched.
 * The memory store cannot be unavailable, so it is returned as is and keeps
 * its synchronous answers.
 */
export function guardStore(store: CounterStore, options: GuardOptions): CounterStore {
  if (store.kind === "memory") return store;
  const failOpen = options.failOpen ?? true;
  const { reporter } = options;

  function onError<T>(allowedAnyway: () => T): (error: unknown) => T {
    return (error) => {
      if (!isStoreUnavailableError(error)) throw error;
      reporter.report(error);
      if (!failOpen) throw error;
      reporter.failedOpen(error);
      return allowedAnyway();
    };
  }

  return {
    kind: store.kind,
    takeToken(key, rate, burst, nowMs) {
      const allowed = (): TokenBucketResult => ({ allowed: true, remaining: Math.max(0, Math.floor(burst) - 1), retryAfterMs: 0 });
      return settle(() => store.takeToken(key, rate, burst, nowMs), onError(allowed));
    },
    consumeQuota(key, limit, period: Period, nowMs, usageKeyId) {
      const allowed = (): QuotaResult => ({ allowed: true, used: 0, remaining: limit, resetAt: computePeriod(period, nowMs).end });
      return settle(() => store.consumeQuota(key, limit, period, nowMs, usageKeyId), onError(allowed));
    },
    countUsage(keyId, nowMs) {
      // Usage is reporting, never a reason to refuse: whatever the policy,
      // a failure is counted and the request goes on.
      return settle(
        () => store.countUsage(keyId, nowMs),
        (error) => {
          if (!isStoreUnavailableError(error)) throw error;
          reporter.report(error);
        },
      );
    },
    readQuota(keys, period, nowMs) {
      // Reporting has no request to let through: count it and let the caller show the error.
      return store.readQuota(keys, period, nowMs).catch((error: unknown) => {
        if (isStoreUnavailableError(error)) reporter.report(error);
        throw error;
      });
    },
    readDailyUsage(keyIds, fromDay, toDay) {
      return store.readDailyUsage(keyIds, fromDay, toDay).catch((error: unknown) => {
        if (isStoreUnavailableError(error)) reporter.report(error);
        throw error;
      });
    },
    ready: store.ready?.bind(store),
    close: () => store.close(),
  };
}

/** Shorthand for the default policy. */
export function failOpen(store: CounterStore, reporter: StoreErrorReporter): CounterStore {
  return guardStore(store, { failOpen: true, reporter });
}

/** Applies `onError` to a sync throw or an async rejection alike, keeping sync answers sync. */
function settle<T>(call: () => T | Promise<T>, onError: (error: unknown) => T): T | Promise<T> {
  let result: T | Promise<T>;
  try {
    result = call();
  } catch (error) {
    return onError(error);
  }
  return result instanceof Promise ? result.catch(onError) : result;
}
