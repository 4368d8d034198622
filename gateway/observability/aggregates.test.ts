import { describe, expect, it } from "vitest";
import { MINUTE_MS } from "@/lib/contracts/observability";
import { AggregateRecorder } from "./aggregates";

function recorder(minutes: number, maxSeriesPerMinute = 100) {
  let now = 10 * MINUTE_MS + 5_000;
  const aggregates = new AggregateRecorder({ minutes, maxSeriesPerMinute, now: () => now });
  return {
    aggregates,
    table: aggregates.table("api", "prod", "route"),
    advance: (ms: number) => (now += ms),
  };
}

describe("AggregateRecorder", () => {
  it("keeps a ring of minutes and drops the oldest one when a new minute starts", () => {
    const { aggregates, table, advance } = recorder(3);
    for (let minute = 0; minute < 5; minute++) {
      for (let i = 0; i <= minute; i++) aggregates.record(table, 200, null, 1, -1);
      if (minute < 4) advance(MINUTE_MS);
    }
    const rows = aggregates.rows(0);
    expect(rows.map((row) => [row.minute / MINUTE_MS, row.count])).toEqual([
      [12, 3],
      [13, 4],
      [14, 5],
    ]);
    expect(aggregates.bounds()).toEqual({ currentMinute: 14 * MINUTE_MS, oldestMinute: 12 * MINUTE_MS });
  });

  it("says the oldest minute is the process's first one until the ring is full", () => {
    const { aggregates } = recorder(60);
    expect(aggregates.bounds()).toEqual({ currentMinute: 10 * MINUTE_MS, oldestMinute: 10 * MINUTE_MS });
  });

  it("reuses the counter blocks of minutes that left the ring instead of allocating new ones", () => {
    const { aggregates, table, advance } = recorder(2);
    aggregates.record(table, 200, null, 1, -1);
    advance(MINUTE_MS);
    aggregates.record(table, 200, null, 1, -1);
    advance(MINUTE_MS);
    aggregates.record(table, 200, null, 1, -1);
    const rows = aggregates.rows(0);
    expect(rows.map((row) => row.count)).toEqual([1, 1]);
    // Two slots, each holding the one block of the series: the first minute's block was handed to the third.
    const free = (aggregates as unknown as { free: unknown[] }).free;
    expect(free).toHaveLength(0);
  });

  it("separates status classes and keys, and keeps integration latency only for requests that reached one", () => {
    const { aggregates, table } = recorder(5);
    aggregates.record(table, 200, "k1", 10, 8);
    aggregates.record(table, 204, "k1", 12, 9);
    aggregates.record(table, 403, null, 0.2, -1);
    aggregates.record(table, 503, "k2", 30, 29);
    const rows = aggregates.rows(0).map((row) => ({
      statusClass: row.statusClass,
      apiKeyId: row.apiKeyId,
      count: row.count,
      integration: row.integrationLatency.buckets.reduce((sum, [, count]) => sum + count, 0),
      sum: row.latency.sumMs,
    }));
    expect(rows).toEqual([
      { statusClass: "2xx", apiKeyId: "k1", count: 2, integration: 2, sum: 22 },
      { statusClass: "4xx", apiKeyId: null, count: 1, integration: 0, sum: 0.2 },
      { statusClass: "5xx", apiKeyId: "k2", count: 1, integration: 1, sum: 30 },
    ]);
  });

  it("counts what does not fit a minute's series budget as dropped rather than growing without bound", () => {
    const { aggregates, table } = recorder(5, 2);
    for (const key of ["a", "b", "c", "d"]) aggregates.record(table, 200, key, 1, -1);
    expect(aggregates.rows(0)).toHaveLength(2);
    expect(aggregates.dropped).toBe(2);
  });
});
