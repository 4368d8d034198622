import { describe, expect, it } from "vitest";

import { MAX_METRIC_POINTS } from "@/lib/schemas/traffic";

import { explorerHref, rangeWindow, TRAFFIC_RANGES, trafficRange } from "./traffic-ranges";

describe("traffic ranges", () => {
  it("keeps every range within the points the metrics API answers, in steps that are whole minutes", () => {
    for (const range of TRAFFIC_RANGES) {
      const window = rangeWindow(range, Date.UTC(2026, 11, 7, 10, 17, 23));
      const points = (window.to - window.from) / (range.step * 1000);
      expect(points).toBeLessThanOrEqual(MAX_METRIC_POINTS);
      expect(range.step % 60).toBe(0);
      expect(window.to % (range.step * 1000)).toBe(0);
    }
  });

  it("falls back to the last hour for a range it does not know", () => {
    expect(trafficRange("1y").id).toBe("1h");
    expect(trafficRange("7d").step).toBe(3600);
  });

  it("links a chart point to the request explorer for exactly that interval", () => {
    const href = explorerHref("abc", "prod", "2026-12-07T10:15:00.000Z", 300, { status: "5xx" });
    const url = new URL(href, "http://console");
    expect(url.pathname).toBe("/apis/abc/stages/prod/requests");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      from: "2026-12-07T10:15:00.000Z",
      to: "2026-12-07T10:20:00.000Z",
      status: "5xx",
    });
  });
});
