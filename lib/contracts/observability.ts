import { z } from "zod";

/**
 * What a gateway node tells the console about the traffic it served: per-minute
 * aggregates (read by the console's collector and kept in PostgreSQL) and the
 * recent requests of the request explorer (read on demand).
 *
 * Latency histograms use one fixed set of buckets on every node, so the
 * console merges them by adding counts and fleet-wide percentiles are exact
 * to within a bucket (about 9 % of the value), never averages of percentiles.
 */

export const OBSERVABILITY_VERSION = 1 as const;

/** One minute, the unit of the aggregates. Minutes start at multiples of this since the epoch. */
export const MINUTE_MS = 60_000;

/** Buckets per doubling: bucket bounds grow by 2^(1/8), about 9 %. */
const BUCKETS_PER_DOUBLING = 8;
/** The upper bound of bucket 0, in milliseconds: faster requests all fall in it. */
const FIRST_BOUND_MS = 0.05;
/**
 * Bucket count: bound of the last finite bucket is 0.05 × 2^(159/8) ≈ 48 s;
 * the final bucket (index LATENCY_BUCKET_COUNT - 1) takes everything slower.
 */
export const LATENCY_BUCKET_COUNT = 161;

const LOG_BASE = Math.log(2) / BUCKETS_PER_DOUBLING;

/** The histogram bucket a latency (ms) falls in: the first whose upper bound is ≥ the value. */
export function latencyBucketIndex(ms: number): number {
  if (!(ms > FIRST_BOUND_MS)) return 0;
  const index = Math.ceil(Math.log(ms / FIRST_BOUND_MS) / LOG_BASE - 1e-9);
  return index >= LATENCY_BUCKET_COUNT - 1 ? LATENCY_BUCKET_COUNT - 1 : index;
}

/** Upper bound (ms) of a bucket; Infinity for the last. */
export function latencyBucketUpperMs(index: number): number {
  if (index >= LATENCY_BUCKET_COUNT - 1) return Number.POSITIVE_INFINITY;
  return FIRST_BOUND_MS * Math.exp(index * LOG_BASE);
}

/** Lower bound (ms) of a bucket; 0 for the first. */
export function latencyBucketLowerMs(index: number): number {
  return index <= 0 ? 0 : latencyBucketUpperMs(index - 1);
}

/**
 * A histogram as sent over the wire: sparse `[bucketIndex, count]` pairs in
 * ascending index order, plus the exact sum (for means).
 */
export const histogramSchema = z.object({
  buckets: z.array(
    z.tuple([
      z
        .number()
        .int()
        .min(0)
        .max(LATENCY_BUCKET_COUNT - 1),
      z.number().int().min(1),
    ]),
  ),
  sumMs: z.number().min(0),
});
export type Histogram = z.infer<typeof histogramSchema>;

/** Adds sparse histograms' counts bucket by bucket (dense result, length LATENCY_BUCKET_COUNT). */
export function mergeHistograms(into: number[], histogram: Histogram): number[] {
  for (const [index, count] of histogram.buckets) into[index] = (into[index] ?? 0) + count;
  return into;
}

/**
 * The q-quantile (0 < q ≤ 1) of a dense histogram, interpolated linearly
 * inside its bucket; null when the histogram is empty.
 */
export function histogramQuantile(dense: readonly number[], q: number): number | null {
  let total = 0;
  for (const count of dense) total += count ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let index = 0; index < dense.length; index++) {
    const count = dense[index] ?? 0;
    if (count === 0) continue;
    if (seen + count >= rank) {
      const lower = latencyBucketLowerMs(index);
      const upper = latencyBucketUpperMs(index);
      if (!Number.isFinite(upper)) return lower;
      return lower + ((upper - lower) * (rank - seen)) / count;
    }
    seen += count;
  }
  return latencyBucketLowerMs(dense.length - 1);
}

export const statusClassSchema = z.enum(["1xx", "2xx", "3xx", "4xx", "5xx"]);
export type StatusClass = z.infer<typeof statusClassSchema>;

export function statusClassOf(status: number): StatusClass {
  if (status >= 500) return "5xx";
  if (status >= 400) return "4xx";
  if (status >= 300) return "3xx";
  if (status >= 200) return "2xx";
  return "1xx";
}

/**
 * One counter row: the requests of one minute for one (api, stage, route,
 * status class, API key). `route` is the matched route's method and path (e.g.
 * `GET /pets/{id}`), null when no route matched: those requests still count
 * on their stage. `apiKeyId` is null for requests without an identified key.
 * `integrationLatency` holds only requests that reached an integration.
 */
export const aggregateRowSchema = z.object({
  minute: z.number().int().min(0),
  apiId: z.string(),
  stage: z.string(),
  route: z.string().nullable(),
  statusClass: statusClassSchema,
  apiKeyId: z.string().nullable(),
  count: z.number().int().min(0),
  latency: histogramSchema,
  integrationLatency: histogramSchema,
});
export type AggregateRow = z.infer<typeof aggregateRowSchema>;

/**
 * `GET /v1/aggregates?since=<minute epoch ms>` on a node's admin API: every row
 * of the minutes from `since` (inclusive) that the node still holds.
 *
 * - `bootId` changes on every start of the node process: the console keys rows
 *   by (node, bootId, minute, …) so a restarted node never overwrites the
 *   counts of its previous life, and reading the same minute twice (another
 *   console replica, a retry) replaces, never adds.
 * - Rows of the current minute are partial and are read again later;
 *   `currentMinute` tells which minute that is.
 * - `oldestMinute` is the oldest minute still in the node's ring: a console
 *   that was away longer has lost the minutes before it (and can say so).
 */
export const aggregatesResponseSchema = z.object({
  version: z.literal(OBSERVABILITY_VERSION),
  node: z.string(),
  bootId: z.string(),
  currentMinute: z.number().int(),
  oldestMinute: z.number().int(),
  rows: z.array(aggregateRowSchema),
});
export type AggregatesResponse = z.infer<typeof aggregatesResponseSchema>;

/** A pipeline step of a recorded request, in order, with its time. */
export const requestStepSchema = z.object({
  name: z.string(),
  ms: z.number().min(0),
  detail: z.string().optional(),
});

/** One request as the explorer shows it. Never a key, a token or a body. */
export const requestRecordSchema = z.object({
  requestId: z.string(),
  at: z.number().int(),
  apiId: z.string(),
  stage: z.string(),
  method: z.string(),
  path: z.string(),
  route: z.string().nullable(),
  status: z.number().int(),
  latencyMs: z.number().min(0),
  integrationLatencyMs: z.number().min(0).nullable(),
  apiKeyId: z.string().nullable(),
  /** The denial reason (see gateway/README.md) or error code, null for a success. */
  reason: z.string().nullable(),
  steps: z.array(requestStepSchema).optional(),
});
export type RequestRecord = z.infer<typeof requestRecordSchema>;

/**
 * `GET /v1/requests?apiId=&stage=&from=&to=&status=&route=&method=&apiKeyId=&requestId=&limit=`
 * on a node's admin API: the node's recorded requests matching every given
 * filter, newest first. `status` is a code (`404`) or a class (`5xx`);
 * `from`/`to` are epoch ms. `sampling` states what the buffer keeps, so the
 * console can say it on the page.
 */
export const requestsResponseSchema = z.object({
  version: z.literal(OBSERVABILITY_VERSION),
  node: z.string(),
  sampling: z.object({
    /** Fraction (0..1] of successful requests recorded right now. */
    successRate: z.number().min(0).max(1),
    /** Every error (status ≥ 400) is recorded. */
    errorsKept: z.number().int(),
    successesKept: z.number().int(),
  }),
  items: z.array(requestRecordSchema),
});
export type RequestsResponse = z.infer<typeof requestsResponseSchema>;
