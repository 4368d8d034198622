import {
  LATENCY_BUCKET_COUNT,
  MINUTE_MS,
  latencyBucketIndex,
  type AggregateRow,
  type Histogram,
  type StatusClass,
} from "@/lib/contracts/observability";

/**
 * Per-minute request aggregates of one node: for each (api, stage, route,
 * status class, API key) and minute, a count and two latency histograms
 * (total and integration) on the contract's fixed buckets, so the console
 * adds them across nodes and computes exact fleet percentiles.
 *
 * Memory is bounded: a ring of `minutes` slots, each holding at most
 * `maxSeriesPerMinute` counter blocks. A block (two dense histograms) is
 * taken from a free list the first time a series is seen in a minute and
 * goes back to it when its minute leaves the ring, so steady traffic
 * allocates nothing.
 */

const STATUS_CLASSES: readonly StatusClass[] = ["1xx", "2xx", "3xx", "4xx", "5xx"];

function statusClassIndex(status: number): number {
  if (status >= 500) return 4;
  if (status >= 400) return 3;
  if (status >= 300) return 2;
  if (status >= 200) return 1;
  return 0;
}

/** One minute of one series: the counters a request adds to. */
class MinuteBlock {
  readonly latency = new Uint32Array(LATENCY_BUCKET_COUNT);
  readonly integration = new Uint32Array(LATENCY_BUCKET_COUNT);
  count = 0;
  latencySum = 0;
  integrationSum = 0;
  minute = -1;
  series: Series | null = null;

  reset(series: Series, minute: number): void {
    this.latency.fill(0);
    this.integration.fill(0);
    this.count = 0;
    this.latencySum = 0;
    this.integrationSum = 0;
    this.minute = minute;
    this.series = series;
  }
}

/** One (api, stage, route, status class, key): made once, reused for every request it counts. */
class Series {
  /** The block of the minute this series last counted in. */
  block: MinuteBlock | null = null;

  constructor(
    readonly apiId: string,
    readonly stage: string,
    readonly route: string | null,
    readonly statusClass: StatusClass,
    readonly apiKeyId: string | null,
  ) {}
}

/** The series of one route (or of a stage's unmatched requests), by status class and key. */
export class RouteAggregates {
  private readonly keyless: (Series | null)[] = [null, null, null, null, null];
  private readonly keyed: Map<string, Series>[] = Array.from({ length: STATUS_CLASSES.length }, () => new Map<string, Series>());

  constructor(
    readonly apiId: string,
    readonly stage: string,
    /** null: requests of the stage that matched no route. */
    readonly route: string | null,
  ) {}

  series(classIndex: number, apiKeyId: string | null): Series {
    if (apiKeyId === null) {
      let series = this.keyless[classIndex];
      if (series === null) {
        series = new Series(this.apiId, this.stage, this.route, STATUS_CLASSES[classIndex], null);
        this.keyless[classIndex] = series;
      }
      return series;
    }
    const byKey = this.keyed[classIndex];
    let series = byKey.get(apiKeyId);
    if (series === undefined) {
      series = new Series(this.apiId, this.stage, this.route, STATUS_CLASSES[classIndex], apiKeyId);
      byKey.set(apiKeyId, series);
    }
    return series;
  }
}

function sparse(dense: Uint32Array, sumMs: number): Histogram {
  const buckets: [number, number][] = [];
  for (let index = 0; index < dense.length; index++) if (dense[index] !== 0) buckets.push([index, dense[index]]);
  return { buckets, sumMs };
}

export interface AggregateRecorderOptions {
  /** Minutes kept, the current one included. */
  minutes: number;
  /** Counter blocks one minute may hold; requests of further series in that minute are not counted (see `dropped`). */
  maxSeriesPerMinute: number;
  /** Clock, for tests. */
  now?: () => number;
}

export class AggregateRecorder {
  private readonly ring: MinuteBlock[][];
  private readonly free: MinuteBlock[] = [];
  private readonly tables = new Map<string, RouteAggregates>();
  private readonly now: () => number;
  private currentMinute: number;
  /** The first minute this process counted: nothing older was ever held. */
  private readonly startMinute: number;
  /** Requests not counted because their minute already held `maxSeriesPerMinute` series. */
  dropped = 0;

  constructor(private readonly options: AggregateRecorderOptions) {
    this.now = options.now ?? Date.now;
    this.ring = Array.from({ length: options.minutes }, () => []);
    this.currentMinute = this.minuteOf(this.now());
    this.startMinute = this.currentMinute;
  }

  private minuteOf(ms: number): number {
    return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
  }

  /** The series table of a route, kept across snapshot swaps so a redeploy never resets counts. */
  table(apiId: string, stage: string, route: string | null): RouteAggregates {
    const key = `${apiId}\u0000${stage}\u0000${route ?? "\u0001"}`;
    let table = this.tables.get(key);
    if (table === undefined) {
      table = new RouteAggregates(apiId, stage, route);
      this.tables.set(key, table);
    }
    return table;
  }

  /** Frees the slots of minutes that left the ring, up to `minute`. */
  private advance(minute: number): void {
    if (minute <= this.currentMinute) return;
    const size = this.ring.length;
    const steps = Math.min(size, (minute - this.currentMinute) / MINUTE_MS);
    for (let step = steps - 1; step >= 0; step--) {
      const slotMinute = minute - step * MINUTE_MS;
      const slot = (slotMinute / MINUTE_MS) % size;
      const blocks = this.ring[slot];
      for (let i = 0; i < blocks.length; i++) {
        const block = blocks[i];
        if (block.series !== null && block.series.block === block) block.series.block = null;
        block.series = null;
        this.free.push(block);
      }
      blocks.length = 0;
    }
    this.currentMinute = minute;
  }

  /**
   * Hot path: counts one finished request. `integrationMs` < 0 when no
   * integration was reached. Allocates only the first time a series is seen
   * in a minute, and then only while the free list is empty.
   */
  record(table: RouteAggregates, status: number, apiKeyId: string | null, totalMs: number, integrationMs: number): void {
    const minute = this.minuteOf(this.now());
    if (minute > this.currentMinute) this.advance(minute);
    else if (minute < this.currentMinute) return; // The clock stepped back: that minute may be gone.
    const series = table.series(statusClassIndex(status), apiKeyId);
    let block = series.block;
    if (block === null || block.minute !== minute) {
      const slot = this.ring[(minute / MINUTE_MS) % this.ring.length];
      if (slot.length >= this.options.maxSeriesPerMinute) {
        this.dropped += 1;
        return;
      }
      block = this.free.pop() ?? new MinuteBlock();
      block.reset(series, minute);
      slot.push(block);
      series.block = block;
    }
    block.count += 1;
    block.latency[latencyBucketIndex(totalMs)] += 1;
    block.latencySum += totalMs;
    if (integrationMs >= 0) {
      block.integration[latencyBucketIndex(integrationMs)] += 1;
      block.integrationSum += integrationMs;
    }
  }

  /** The minute being counted now, and the oldest one still held. */
  bounds(): { currentMinute: number; oldestMinute: number } {
    const currentMinute = this.minuteOf(this.now());
    const ringStart = currentMinute - (this.ring.length - 1) * MINUTE_MS;
    return { currentMinute, oldestMinute: Math.max(ringStart, this.startMinute) };
  }

  /** Every row of the minutes from `since` (inclusive) still held, oldest first. */
  rows(since: number): AggregateRow[] {
    this.advance(this.minuteOf(this.now()));
    const { oldestMinute } = this.bounds();
    const rows: AggregateRow[] = [];
    const size = this.ring.length;
    for (let minute = Math.max(oldestMinute, this.minuteOf(since)); minute <= this.currentMinute; minute += MINUTE_MS) {
      const slot = (minute / MINUTE_MS) % size;
      for (const block of this.ring[slot]) {
        const series = block.series;
        if (series === null || block.minute !== minute) continue;
        rows.push({
          minute,
          apiId: series.apiId,
          stage: series.stage,
          route: series.route,
          statusClass: series.statusClass,
          apiKeyId: series.apiKeyId,
          count: block.count,
          latency: sparse(block.latency, block.latencySum),
          integrationLatency: sparse(block.integration, block.integrationSum),
        });
      }
    }
    return rows;
  }
}
