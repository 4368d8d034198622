import { describe, expect, it } from "vitest";

import { combineDailyUsage, combineUsage, dailySeries, periodStart, usageRange } from "./get-usage";
import type { NodeUsageAnswer } from "./read-node-usage";

const node = (name: string) => ({ nodeId: name, name, adminUrl: `http://${name}`, adminToken: `token-of-${name}` });
const row = (keyId: string, used: number) => ({
  keyId,
  planId: "plan",
  period: "DAY" as const,
  limit: 10,
  used,
  remaining: 10 - used,
  resetAt: "2026-03-02T00:00:00.000Z",
});
const keys = new Map([
  ["k1", { id: "k1", name: "one", displayPrefix: "ptk_aaaaaaaa" }],
  ["k2", { id: "k2", name: "two", displayPrefix: "ptk_bbbbbbbb" }],
]);

describe("combineUsage", () => {
  const answers: NodeUsageAnswer[] = [
    { ok: true, node: node("a"), ms: 1, rows: [row("k1", 3), row("k2", 1)], daily: new Map() },
    { ok: true, node: node("b"), ms: 1, rows: [row("k1", 4)], daily: new Map() },
    { ok: false, node: node("c"), ms: 1, error: "down" },
  ];

  it("sums the nodes' own counters when each node counts in memory", () => {
    const items = combineUsage(answers, false, "plan", keys);
    expect(items.map((item) => [item.apiKeyId, item.used, item.remaining])).toEqual([
      ["k1", 7, 3],
      ["k2", 1, 9],
    ]);
  });

  it("reads one node only when the counters are shared, so requests are not counted twice", () => {
    const items = combineUsage(answers, true, "plan", keys);
    expect(items.find((item) => item.apiKeyId === "k1")?.used).toBe(3);
  });

  it("ignores rows of other plans and unknown keys", () => {
    const other: NodeUsageAnswer[] = [
      { ok: true, node: node("a"), ms: 1, rows: [{ ...row("k1", 2), planId: "other" }, row("zz", 5)], daily: new Map() },
    ];
    expect(combineUsage(other, false, "plan", keys)).toEqual([]);
  });
});

describe("periodStart", () => {
  it("starts days at UTC midnight, weeks on Monday and months on the first, as the gateway counts", () => {
    const wednesday = new Date("2026-03-04T15:30:00Z");
    expect(periodStart("DAY", wednesday).toISOString()).toBe("2026-03-04T00:00:00.000Z");
    expect(periodStart("WEEK", wednesday).toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(periodStart("WEEK", new Date("2026-03-08T23:59:59Z")).toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(periodStart("MONTH", wednesday).toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });
});

describe("combineDailyUsage", () => {
  const daily = (entries: [string, [string, number][]][]) => new Map(entries.map(([key, days]) => [key, new Map(days)]));
  const answers: NodeUsageAnswer[] = [
    {
      ok: true,
      node: node("a"),
      ms: 1,
      rows: [],
      daily: daily([
        [
          "k1",
          [
            ["2026-03-01", 2],
            ["2026-03-02", 5],
          ],
        ],
      ]),
    },
    {
      ok: true,
      node: node("b"),
      ms: 1,
      rows: [],
      daily: daily([
        ["k1", [["2026-03-02", 1]]],
        ["k2", [["2026-03-02", 4]]],
      ]),
    },
    { ok: false, node: node("c"), ms: 1, error: "down" },
  ];

  it("adds up each day over the nodes that count in memory", () => {
    const combined = combineDailyUsage(answers, false);
    expect([...(combined.get("k1") ?? [])]).toEqual([
      ["2026-03-01", 2],
      ["2026-03-02", 6],
    ]);
    expect(combined.get("k2")?.get("2026-03-02")).toBe(4);
  });

  it("takes one node's days when the counters are shared, so no request is counted twice", () => {
    expect(combineDailyUsage(answers, true).get("k1")?.get("2026-03-02")).toBe(5);
  });
});

describe("dailySeries", () => {
  const byDate = new Map([
    ["2026-03-01", 4],
    ["2026-03-02", 3],
    ["2026-03-04", 1],
  ]);

  it("gives one entry per day, zero where nothing was counted, and no remaining without a quota", () => {
    expect(dailySeries(byDate, "2026-03-02", "2026-03-05", null)).toEqual([
      { date: "2026-03-02", used: 3, remaining: null },
      { date: "2026-03-03", used: 0, remaining: null },
      { date: "2026-03-04", used: 1, remaining: null },
      { date: "2026-03-05", used: 0, remaining: null },
    ]);
  });

  it("resets a DAY quota every day", () => {
    expect(dailySeries(byDate, "2026-03-01", "2026-03-02", { limit: 5, period: "DAY" }).map((day) => day.remaining)).toEqual([1, 2]);
  });

  it("carries a WEEK quota's requests over the week, from its Monday, and resets on the next Monday", () => {
    // 2026-03-02 is a Monday: the 1st belongs to the previous week.
    const series = dailySeries(byDate, "2026-03-01", "2026-03-04", { limit: 10, period: "WEEK" });
    expect(series.map((day) => day.remaining)).toEqual([6, 7, 7, 6]);
  });
});

describe("usageRange", () => {
  it("defaults to the last seven days, today included", () => {
    expect(usageRange(undefined, undefined, new Date("2026-03-04T15:00:00Z"))).toEqual({ startDate: "2026-02-26", endDate: "2026-03-04" });
    expect(usageRange(undefined, "2026-01-03", new Date())).toEqual({ startDate: "2025-12-28", endDate: "2026-01-03" });
  });
});
