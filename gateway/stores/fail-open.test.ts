import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { createStoreErrorReporter, guardStore, STORE_ERRORS_METRIC, STORE_FAIL_OPEN_METRIC } from "./fail-open";
import { MemoryCounterStore } from "./memory";
import { StoreUnavailableError } from "./types";
import type { CounterStore, StoreOp } from "./types";

function downStore(): CounterStore {
  const fail = (op: StoreOp) => Promise.reject(new StoreUnavailableError("redis", op, "down"));
  return {
    kind: "redis",
    takeToken: () => fail("takeToken"),
    consumeQuota: () => fail("consumeQuota"),
    readQuota: () => fail("readQuota"),
    countUsage: () => fail("countUsage"),
    readDailyUsage: () => fail("readDailyUsage"),
    close: async () => {},
  };
}

describe("guardStore", () => {
  it("lets requests through when the store is down and failing open, counting each failure", async () => {
    const registry = new Registry();
    const reporter = createStoreErrorReporter({ registry, log: () => {} });
    const store = guardStore(downStore(), { reporter });
    expect(await store.takeToken("k", 1, 5, 0)).toEqual({ allowed: true, remaining: 4, retryAfterMs: 0 });
    const quota = await store.consumeQuota("q", 10, "DAY", Date.parse("2025-01-01T05:00:00Z"));
    expect(quota).toMatchObject({ allowed: true, remaining: 10, resetAt: Date.parse("2025-01-02T00:00:00Z") });
    const metrics = await registry.getSingleMetricAsString(STORE_ERRORS_METRIC);
    expect(metrics).toContain('portico_store_errors_total{store="redis",op="takeToken"} 1');
    expect(metrics).toContain('portico_store_errors_total{store="redis",op="consumeQuota"} 1');
  });

  it("counts every decision let through unchecked apart from the errors, and reports both in its health", async () => {
    const registry = new Registry();
    const reporter = createStoreErrorReporter({ registry, log: () => {} });
    const open = guardStore(downStore(), { reporter });
    await open.takeToken("k", 1, 5, 0);
    await open.consumeQuota("q", 10, "DAY", 0);
    await open.countUsage("k", 0);
    const metrics = await registry.getSingleMetricAsString(STORE_FAIL_OPEN_METRIC);
    expect(metrics).toContain('portico_store_fail_open_total{store="redis",op="takeToken"} 1');
    expect(metrics).toContain('portico_store_fail_open_total{store="redis",op="consumeQuota"} 1');
    // Usage counting never refuses, so its failure lets nothing through that would have been stopped.
    expect(metrics).not.toContain('op="countUsage"');
    const health = reporter.health();
    expect(health).toMatchObject({ errors: 3, failOpenDecisions: 2, lastError: { op: "countUsage", message: "down" } });

    // Failing closed refuses instead: errors, no fail-open decisions.
    const closedReporter = createStoreErrorReporter({ log: () => {} });
    const closed = guardStore(downStore(), { failOpen: false, reporter: closedReporter });
    await expect(closed.takeToken("k", 1, 5, 0)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(closedReporter.health()).toMatchObject({ errors: 1, failOpenDecisions: 0 });
  });

  it("rethrows StoreUnavailableError when failing closed, still counting it", async () => {
    const registry = new Registry();
    const store = guardStore(downStore(), { failOpen: false, reporter: createStoreErrorReporter({ registry, log: () => {} }) });
    await expect(store.takeToken("k", 1, 5, 0)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await registry.getSingleMetricAsString(STORE_ERRORS_METRIC)).toContain('op="takeToken"} 1');
  });

  it("never refuses a request over usage counting, even when failing closed, but counts the failure", async () => {
    const registry = new Registry();
    const store = guardStore(downStore(), { failOpen: false, reporter: createStoreErrorReporter({ registry, log: () => {} }) });
    await expect(store.countUsage("k", 0)).resolves.toBeUndefined();
    expect(await registry.getSingleMetricAsString(STORE_ERRORS_METRIC)).toContain('op="countUsage"} 1');
  });

  it("does not hide programming errors behind fail-open", async () => {
    const broken: CounterStore = { ...downStore(), takeToken: () => Promise.reject(new TypeError("bug")) };
    const store = guardStore(broken, { reporter: createStoreErrorReporter({ log: () => {} }) });
    await expect(store.takeToken("k", 1, 1, 0)).rejects.toBeInstanceOf(TypeError);
  });

  it("returns the memory store itself, so its answers stay synchronous", () => {
    const memory = new MemoryCounterStore();
    expect(guardStore(memory, { reporter: createStoreErrorReporter() })).toBe(memory);
  });
});

describe("createStoreErrorReporter", () => {
  it("logs at most once per interval and says how many failures it did not log", () => {
    const lines: { suppressed: number }[] = [];
    const reporter = createStoreErrorReporter({ log: (entry) => lines.push(entry), logIntervalMs: 60_000 });
    for (let i = 0; i < 1000; i++) reporter.report(new StoreUnavailableError("redis", "takeToken", "down"));
    expect(lines).toHaveLength(1);
    expect(lines[0].suppressed).toBe(0);
  });

  it("can share one registry between several reporters without a duplicate-metric error", () => {
    const registry = new Registry();
    createStoreErrorReporter({ registry });
    expect(() => createStoreErrorReporter({ registry })).not.toThrow();
  });
});
