import { statusClassOf, type RequestRecord, type RequestsResponse } from "@/lib/contracts/observability";

/**
 * The recent requests of one node, for the console's request explorer. Two
 * rings of fixed size: errors (status ≥ 400) are all kept, successes are
 * sampled once they pass `successesPerSecond`, so a burst of good traffic
 * cannot push out the failures someone is looking for.
 */

/** A ring of the last `capacity` records, oldest overwritten first. */
class RecordRing {
  private readonly items: (RequestRecord | undefined)[];
  private next = 0;
  size = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<RequestRecord | undefined>(capacity);
  }

  push(record: RequestRecord): void {
    if (this.capacity === 0) return;
    this.items[this.next] = record;
    this.next = (this.next + 1) % this.capacity;
    if (this.size < this.capacity) this.size += 1;
  }

  /** Newest first. */
  *newest(): IterableIterator<RequestRecord> {
    for (let i = 1; i <= this.size; i++) {
      const record = this.items[(this.next - i + this.capacity) % this.capacity];
      if (record !== undefined) yield record;
    }
  }
}

/** What `GET /v1/requests` filters on; every field is optional. */
export interface RequestFilter {
  apiId?: string;
  stage?: string;
  from?: number;
  to?: number;
  /** An exact status, or a class ("5xx"). */
  status?: number | string;
  route?: string;
  method?: string;
  apiKeyId?: string;
  requestId?: string;
  limit: number;
}

export const MAX_REQUESTS_LIMIT = 1000;
export const DEFAULT_REQUESTS_LIMIT = 100;

function matches(record: RequestRecord, filter: RequestFilter): boolean {
  if (filter.requestId !== undefined && record.requestId !== filter.requestId) return false;
  if (filter.apiId !== undefined && record.apiId !== filter.apiId) return false;
  if (filter.stage !== undefined && record.stage !== filter.stage) return false;
  if (filter.from !== undefined && record.at < filter.from) return false;
  if (filter.to !== undefined && record.at > filter.to) return false;
  if (filter.route !== undefined && record.route !== filter.route) return false;
  if (filter.method !== undefined && record.method !== filter.method) return false;
  if (filter.apiKeyId !== undefined && record.apiKeyId !== filter.apiKeyId) return false;
  if (filter.status !== undefined) {
    if (typeof filter.status === "number" ? record.status !== filter.status : statusClassOf(record.status) !== filter.status) return false;
  }
  return true;
}

export interface RequestBufferOptions {
  errors: number;
  successes: number;
  /** Successes recorded per second before sampling starts. */
  successesPerSecond: number;
  now?: () => number;
  random?: () => number;
}

export class RequestBuffer {
  private readonly errors: RecordRing;
  private readonly successes: RecordRing;
  private readonly now: () => number;
  private readonly random: () => number;
  private second = 0;
  private seenThisSecond = 0;
  private seenLastSecond = 0;

  constructor(private readonly options: RequestBufferOptions) {
    this.errors = new RecordRing(options.errors);
    this.successes = new RecordRing(options.successes);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** The fraction of successes recorded now: all of them until the last second saw more than the budget. */
  successRate(now = this.now()): number {
    const second = Math.floor(now / 1000);
    const last = second === this.second ? this.seenLastSecond : second === this.second + 1 ? this.seenThisSecond : 0;
    return last <= this.options.successesPerSecond ? 1 : this.options.successesPerSecond / last;
  }

  /**
   * Hot path: whether to record a finished request. Errors always; a
   * success with the current sampling rate. Called before the record is
   * built, so a success that is not kept costs no allocation.
   */
  wants(status: number, now: number): boolean {
    if (status >= 400) return this.options.errors > 0;
    if (this.options.successes === 0) return false;
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.seenLastSecond = second === this.second + 1 ? this.seenThisSecond : 0;
      this.seenThisSecond = 0;
      this.second = second;
    }
    this.seenThisSecond += 1;
    const rate = this.seenLastSecond <= this.options.successesPerSecond ? 1 : this.options.successesPerSecond / this.seenLastSecond;
    return rate >= 1 || this.random() < rate;
  }

  add(record: RequestRecord): void {
    if (record.status >= 400) this.errors.push(record);
    else this.successes.push(record);
  }

  /** The matching records, newest first, at most `filter.limit`. */
  find(filter: RequestFilter): RequestRecord[] {
    const found: RequestRecord[] = [];
    for (const ring of [this.errors, this.successes]) {
      for (const record of ring.newest()) if (matches(record, filter)) found.push(record);
    }
    found.sort((a, b) => b.at - a.at);
    return found.length > filter.limit ? found.slice(0, filter.limit) : found;
  }

  /** The current sampling rate, and how many errors and successes the buffer keeps at most. */
  sampling(): RequestsResponse["sampling"] {
    return { successRate: this.successRate(), errorsKept: this.errors.capacity, successesKept: this.successes.capacity };
  }
}
