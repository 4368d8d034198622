import { describe, expect, it } from "vitest";
import {
  LATENCY_BUCKET_COUNT,
  histogramQuantile,
  latencyBucketIndex,
  latencyBucketLowerMs,
  latencyBucketUpperMs,
  mergeHistograms,
  statusClassOf,
} from "./observability";

describe("latency buckets", () => {
  it("puts every value in the bucket whose bounds hold it", () => {
    for (const ms of [0, 0.01, 0.05, 0.051, 0.3, 1, 2.5, 10, 99.9, 1234, 29_000, 47_000]) {
      const index = latencyBucketIndex(ms);
      expect(ms).toBeLessThanOrEqual(latencyBucketUpperMs(index) * (1 + 1e-9));
      if (index > 0) expect(ms).toBeGreaterThan(latencyBucketLowerMs(index) * (1 - 1e-9));
    }
  });

  it("keeps bucket widths near 9 % and sends everything past 48 s to the last", () => {
    expect(latencyBucketUpperMs(9) / latencyBucketUpperMs(8)).toBeCloseTo(2 ** (1 / 8), 9);
    expect(latencyBucketUpperMs(LATENCY_BUCKET_COUNT - 2)).toBeGreaterThan(47_000);
    expect(latencyBucketIndex(3_600_000)).toBe(LATENCY_BUCKET_COUNT - 1);
    expect(latencyBucketUpperMs(LATENCY_BUCKET_COUNT - 1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("merged histograms", () => {
  it("give quantiles within a bucket of the raw values' quantiles", () => {
    const raw: number[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) raw.push(Math.exp(random() * 8) / 10);
    const nodes = [raw.slice(0, 2000), raw.slice(2000)].map((values) => {
      const counts = new Map<number, number>();
      for (const ms of values) counts.set(latencyBucketIndex(ms), (counts.get(latencyBucketIndex(ms)) ?? 0) + 1);
      return { buckets: [...counts].sort((a, b) => a[0] - b[0]), sumMs: values.reduce((a, b) => a + b, 0) };
    });
    const dense = new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
    for (const histogram of nodes) mergeHistograms(dense, histogram);
    const sorted = [...raw].sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.99]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1];
      const estimate = histogramQuantile(dense, q)!;
      expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.1);
    }
  });

  it("has no quantile when empty", () => {
    expect(histogramQuantile(new Array<number>(LATENCY_BUCKET_COUNT).fill(0), 0.5)).toBeNull();
  });
});

it("classes statuses", () => {
  expect([101, 200, 304, 404, 503].map(statusClassOf)).toEqual(["1xx", "2xx", "3xx", "4xx", "5xx"]);
});
