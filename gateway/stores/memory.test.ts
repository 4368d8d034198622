import { describe, expect, it } from "vitest";
import { MemoryCounterStore, NEVER_REFILLS_RETRY_MS } from "./memory";

const utc = (iso: string) => Date.parse(iso);

describe("MemoryCounterStore token bucket", () => {
  it("answers synchronously, without a promise", () => {
    const store = new MemoryCounterStore();
    expect(store.takeToken("k", 1, 1, 0)).not.toBeInstanceOf(Promise);
    expect(store.consumeQuota("k", 1, "DAY", 0)).not.toBeInstanceOf(Promise);
  });

  it("allows a full burst at once, then refuses with the time until the next token", () => {
    const store = new MemoryCounterStore();
    const results = Array.from({ length: 6 }, () => store.takeToken("k", 2, 5, 1000));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    expect(results[5].retryAfterMs).toBe(500);
    expect(results[0].retryAfterMs).toBe(0);
  });

  it("refills at rate tokens per second, counting fractions, capped at burst", () => {
    const store = new MemoryCounterStore();
    for (let i = 0; i < 5; i++) store.takeToken("k", 10, 5, 0);
    expect(store.takeToken("k", 10, 5, 50).allowed).toBe(false); // half a token
    const after = store.takeToken("k", 10, 5, 100); // one token
    expect(after).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    // Ten minutes idle refill only up to burst.
    const idle = store.takeToken("k", 10, 5, 600_000);
    expect(idle.remaining).toBe(4);
  });

  it("gives a Retry-After that is enough, and not more than needed, for the next token", () => {
    const store = new MemoryCounterStore();
    store.takeToken("k", 3, 1, 0);
    const refused = store.takeToken("k", 3, 1, 100);
    expect(refused.allowed).toBe(false);
    expect(store.takeToken("k", 3, 1, 100 + refused.retryAfterMs - 1).allowed).toBe(false);
    expect(store.takeToken("k", 3, 1, 100 + refused.retryAfterMs).allowed).toBe(true);
  });

  it("keeps buckets of different keys apart", () => {
    const store = new MemoryCounterStore();
    expect(store.takeToken("a", 1, 1, 0).allowed).toBe(true);
    expect(store.takeToken("a", 1, 1, 0).allowed).toBe(false);
    expect(store.takeToken("b", 1, 1, 0).allowed).toBe(true);
  });

  it("does not refill when the caller's clock goes backwards", () => {
    const store = new MemoryCounterStore();
    store.takeToken("k", 1, 1, 10_000);
    expect(store.takeToken("k", 1, 1, 5_000).allowed).toBe(false);
    expect(store.takeToken("k", 1, 1, 10_500).allowed).toBe(false);
    expect(store.takeToken("k", 1, 1, 11_000).allowed).toBe(true);
  });

  it("never refills a zero-rate bucket and asks for a long wait", () => {
    const store = new MemoryCounterStore();
    expect(store.takeToken("k", 0, 2, 0).allowed).toBe(true);
    expect(store.takeToken("k", 0, 2, 0).allowed).toBe(true);
    const refused = store.takeToken("k", 0, 2, 1_000_000);
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterMs: NEVER_REFILLS_RETRY_MS });
  });

  it("refuses everything with a burst of zero", () => {
    const store = new MemoryCounterStore();
    expect(store.takeToken("k", 100, 0, 0).allowed).toBe(false);
  });
});

describe("MemoryCounterStore eviction", () => {
  it("drops buckets once they have refilled completely, which changes no answer", () => {
    const store = new MemoryCounterStore({ sweepIntervalMs: 1000 });
    store.takeToken("idle", 10, 10, 0); // full again after 100 ms
    store.takeToken("busy", 1, 10, 0);
    for (let i = 0; i < 9; i++) store.takeToken("busy", 1, 10, 0); // full again after 10 s
    expect(store.size).toBe(2);
    store.takeToken("other", 1, 1, 1500); // triggers the sweep
    expect(store.size).toBe(2); // "idle" is gone, "busy" and "other" remain
    expect(store.takeToken("idle", 10, 10, 1500).remaining).toBe(9);
    expect(store.takeToken("busy", 1, 10, 1500).remaining).toBe(0);
  });

  it("spreads a due sweep over several calls, so no single request walks every key", () => {
    const store = new MemoryCounterStore({ sweepIntervalMs: 1000 });
    for (let i = 0; i < 5000; i++) store.takeToken(`idle${i}`, 1000, 1, 0); // each full again after 1 ms
    expect(store.size).toBe(5000);
    store.takeToken("caller", 1000, 1, 2000);
    expect(store.size).toBeGreaterThan(3000);
    for (let i = 0; i < 10; i++) store.takeToken("caller", 1000, 1, 2000 + i);
    expect(store.size).toBe(1);
  });

  it("keeps zero-rate buckets, whose tokens would otherwise come back", () => {
    const store = new MemoryCounterStore({ sweepIntervalMs: 1 });
    store.takeToken("k", 0, 1, 0);
    store.sweep(10_000_000);
    expect(store.takeToken("k", 0, 1, 10_000_001).allowed).toBe(false);
  });

  it("drops quota counters whose period has ended", () => {
    const store = new MemoryCounterStore({ sweepIntervalMs: 1000 });
    store.consumeQuota("q", 10, "DAY", utc("2025-01-01T10:00:00Z"));
    expect(store.size).toBe(1);
    store.sweep(utc("2025-01-02T00:00:00Z"));
    expect(store.size).toBe(0);
  });

  it("stays within maxEntries under a flood of distinct live keys", () => {
    const store = new MemoryCounterStore({ maxEntries: 100 });
    for (let i = 0; i < 10_000; i++) store.takeToken(`k${i}`, 1, 10, 0);
    expect(store.size).toBeLessThanOrEqual(100);
    // The newest keys survive.
    expect(store.takeToken("k9999", 1, 10, 0).remaining).toBe(8);
  });
});

describe("MemoryCounterStore quota", () => {
  it("counts up to the limit, then refuses without counting", () => {
    const store = new MemoryCounterStore();
    const now = utc("2025-01-15T12:00:00Z");
    const results = Array.from({ length: 4 }, () => store.consumeQuota("q", 3, "DAY", now));
    expect(results.map((r) => [r.allowed, r.used, r.remaining])).toEqual([
      [true, 1, 2],
      [true, 2, 1],
      [true, 3, 0],
      [false, 3, 0],
    ]);
    expect(results[3].resetAt).toBe(utc("2025-01-16T00:00:00Z"));
  });

  it("resets at the UTC month end, and reports usage only for the current period", async () => {
    const store = new MemoryCounterStore();
    store.consumeQuota("q", 1, "MONTH", utc("2025-01-31T23:59:59.999Z"));
    expect(store.consumeQuota("q", 1, "MONTH", utc("2025-01-31T23:59:59.999Z")).allowed).toBe(false);
    expect(await store.readQuota(["q"], "MONTH", utc("2025-01-20T00:00:00Z"))).toEqual(new Map([["q", 1]]));
    expect(await store.readQuota(["q", "none"], "MONTH", utc("2025-02-01T00:00:00Z"))).toEqual(
      new Map([
        ["q", 0],
        ["none", 0],
      ]),
    );
    const february = store.consumeQuota("q", 1, "MONTH", utc("2025-02-01T00:00:00Z"));
    expect(february).toEqual({ allowed: true, used: 1, remaining: 0, resetAt: utc("2025-03-01T00:00:00Z") });
  });

  it("resets a WEEK quota on Monday 00:00 UTC, not on Sunday", () => {
    const store = new MemoryCounterStore();
    expect(store.consumeQuota("q", 1, "WEEK", utc("2025-01-06T00:00:00Z")).allowed).toBe(true); // Monday
    expect(store.consumeQuota("q", 1, "WEEK", utc("2025-01-12T23:59:59Z")).allowed).toBe(false); // Sunday
    expect(store.consumeQuota("q", 1, "WEEK", utc("2025-01-13T00:00:00Z")).allowed).toBe(true); // next Monday
  });

  it("keeps DAY, WEEK and MONTH counters of one key apart", () => {
    const store = new MemoryCounterStore();
    const now = utc("2025-01-15T12:00:00Z");
    store.consumeQuota("q", 5, "DAY", now);
    expect(store.consumeQuota("q", 5, "WEEK", now).used).toBe(1);
  });
});

describe("MemoryCounterStore daily usage", () => {
  it("counts each request in the UTC day it happened, splitting at midnight", async () => {
    const store = new MemoryCounterStore();
    store.countUsage("k", utc("2025-03-01T23:59:59.999Z"));
    store.countUsage("k", utc("2025-03-02T00:00:00.000Z"));
    store.countUsage("k", utc("2025-03-02T12:00:00.000Z"));
    const usage = await store.readDailyUsage(["k", "other"], "2025-02-28", "2025-03-03");
    expect(usage.get("k")).toEqual([0, 1, 2, 0]);
    expect(usage.get("other")).toEqual([0, 0, 0, 0]);
  });

  it("counts usage with an allowed quota request but not with a refused one", async () => {
    const store = new MemoryCounterStore();
    const now = utc("2025-03-02T10:00:00Z");
    expect(store.consumeQuota("q", 2, "DAY", now, "k").allowed).toBe(true);
    expect(store.consumeQuota("q", 2, "DAY", now, "k").allowed).toBe(true);
    expect(store.consumeQuota("q", 2, "DAY", now, "k").allowed).toBe(false);
    expect((await store.readDailyUsage(["k"], "2025-03-02", "2025-03-02")).get("k")).toEqual([2]);
  });

  it("keeps only the last usageDays days: a day that falls out of the ring reads as zero", async () => {
    const store = new MemoryCounterStore({ usageDays: 3 });
    const day = (n: number) => utc("2025-03-01T08:00:00Z") + n * 86_400_000;
    for (let n = 0; n < 5; n++) for (let i = 0; i <= n; i++) store.countUsage("k", day(n));
    // Days 0..4 counted 1..5 requests; with 3 slots only days 2..4 survive.
    expect((await store.readDailyUsage(["k"], "2025-03-01", "2025-03-05")).get("k")).toEqual([0, 0, 3, 4, 5]);
  });

  it("bounds the number of keys with usage, dropping the key counted least recently", async () => {
    const store = new MemoryCounterStore({ maxUsageKeys: 2 });
    const now = utc("2025-03-02T10:00:00Z");
    store.countUsage("a", now - 86_400_000);
    store.countUsage("b", now - 86_400_000);
    store.countUsage("a", now);
    store.countUsage("c", now);
    expect(store.usageKeyCount).toBe(2);
    const usage = await store.readDailyUsage(["a", "b", "c"], "2025-03-01", "2025-03-02");
    expect(usage.get("a")).toEqual([1, 1]);
    expect(usage.get("b")).toEqual([0, 0]);
    expect(usage.get("c")).toEqual([0, 1]);
  });

  it("sweeps keys with no request left in the window", () => {
    const store = new MemoryCounterStore({ usageDays: 7 });
    const now = utc("2025-03-02T10:00:00Z");
    store.countUsage("old", now);
    store.countUsage("recent", now + 6 * 86_400_000);
    store.sweep(now + 7 * 86_400_000);
    expect(store.usageKeyCount).toBe(1);
  });

  it("refuses malformed or reversed day ranges with a message naming them", async () => {
    const store = new MemoryCounterStore();
    await expect(store.readDailyUsage(["k"], "2025-02-30", "2025-03-01")).rejects.toThrow(/YYYY-MM-DD/);
    await expect(store.readDailyUsage(["k"], "2025-03-02", "2025-03-01")).rejects.toThrow(/after the last day/);
  });
});
