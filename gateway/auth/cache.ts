import { LruCache } from "../key-cache";

interface Timed<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/**
 * Authorizer results by identity, each for its TTL (API Gateway's
 * authorizer result cache), bounded in size so that a flood of distinct
 * tokens evicts old entries instead of growing the process.
 */
export class TtlCache<V> {
  private readonly entries: LruCache<string, Timed<V>>;

  constructor(
    maxSize: number,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new LruCache(maxSize);
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) return undefined;
    return entry.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }
}
