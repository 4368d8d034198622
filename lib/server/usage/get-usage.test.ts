import { describe, expect, it } from "vitest";

import { combineUsage, periodStart } from "./get-usage";
import type { NodeUsageAnswer } from "./read-node-usage";

const node = (name: string) => ({ nodeId: name, name, adminUrl: `http://${name}` });
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
    { ok: true, node: node("a"), ms: 1, rows: [row("k1", 3), row("k2", 1)] },
    { ok: true, node: node("b"), ms: 1, rows: [row("k1", 4)] },
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
    const other: NodeUsageAnswer[] = [{ ok: true, node: node("a"), ms: 1, rows: [{ ...row("k1", 2), planId: "other" }, row("zz", 5)] }];
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
