import { LATENCY_BUCKET_COUNT, type Histogram } from "@/lib/contracts/observability";

/** The buckets of a histogram as stored: sparse `[bucketIndex, count]` pairs in ascending index order. */
export type SparseBuckets = Histogram["buckets"];

/** Adds sparse histograms bucket by bucket; the result is sparse and sorted again. */
export function addSparseBuckets(...histograms: SparseBuckets[]): SparseBuckets {
  const dense = new Map<number, number>();
  for (const buckets of histograms) for (const [index, count] of buckets) dense.set(index, (dense.get(index) ?? 0) + count);
  return [...dense.entries()].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
}

/** A dense histogram (LATENCY_BUCKET_COUNT counts) from `[index, count]` pairs, which may repeat an index. */
export function denseFromPairs(pairs: Iterable<readonly [number, number]>): number[] {
  const dense = new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
  for (const [index, count] of pairs) if (index >= 0 && index < LATENCY_BUCKET_COUNT) dense[index] += count;
  return dense;
}
