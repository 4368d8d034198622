import { describe, expect, it } from "vitest";
import { computePeriod, PeriodCache } from "./periods";

const utc = (iso: string) => Date.parse(iso);

describe("computePeriod", () => {
  it("starts a DAY at UTC midnight and ends at the next one", () => {
    const w = computePeriod("DAY", utc("2025-03-09T23:59:59.999Z"));
    expect(w.start).toBe(utc("2025-03-09T00:00:00Z"));
    expect(w.end).toBe(utc("2025-03-10T00:00:00Z"));
    expect(w.suffix).toBe("D:20250309");
    expect(computePeriod("DAY", utc("2025-03-10T00:00:00Z")).suffix).toBe("D:20250310");
  });

  it("starts a WEEK on Monday 00:00 UTC, also when now is a Sunday night or a Monday midnight", () => {
    // 2025-01-05 is a Sunday, 2025-01-06 a Monday.
    const sunday = computePeriod("WEEK", utc("2025-01-05T23:59:59.999Z"));
    expect(sunday.start).toBe(utc("2024-12-30T00:00:00Z"));
    expect(sunday.end).toBe(utc("2025-01-06T00:00:00Z"));
    expect(sunday.suffix).toBe("W:20241230");
    const monday = computePeriod("WEEK", utc("2025-01-06T00:00:00Z"));
    expect(monday.start).toBe(utc("2025-01-06T00:00:00Z"));
    expect(monday.end).toBe(utc("2025-01-13T00:00:00Z"));
  });

  it("computes weeks before 1970 (negative epoch days) from Monday too", () => {
    // 1969-12-31 was a Wednesday; its week started Monday 1969-12-29.
    expect(computePeriod("WEEK", utc("1969-12-31T12:00:00Z")).start).toBe(utc("1969-12-29T00:00:00Z"));
  });

  it("ends a MONTH on the calendar month end, including February of leap and common years and December", () => {
    expect(computePeriod("MONTH", utc("2024-02-29T23:59:59.999Z"))).toEqual({
      start: utc("2024-02-01T00:00:00Z"),
      end: utc("2024-03-01T00:00:00Z"),
      suffix: "M:202402",
    });
    expect(computePeriod("MONTH", utc("2025-02-28T12:00:00Z")).end).toBe(utc("2025-03-01T00:00:00Z"));
    expect(computePeriod("MONTH", utc("2025-12-31T23:59:59.999Z"))).toEqual({
      start: utc("2025-12-01T00:00:00Z"),
      end: utc("2026-01-01T00:00:00Z"),
      suffix: "M:202512",
    });
    expect(computePeriod("MONTH", utc("2026-01-01T00:00:00Z")).suffix).toBe("M:202601");
  });
});

describe("PeriodCache", () => {
  it("moves to the next window exactly at the boundary", () => {
    const cache = new PeriodCache();
    expect(cache.get("MONTH", utc("2025-01-31T23:59:59.999Z")).suffix).toBe("M:202501");
    expect(cache.get("MONTH", utc("2025-02-01T00:00:00Z")).suffix).toBe("M:202502");
    expect(cache.get("MONTH", utc("2025-01-15T00:00:00Z")).suffix).toBe("M:202501");
  });
});
