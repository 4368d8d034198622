class Entry<V> {
  constructor(
    readonly value: V,
    public stamp: number,
  ) {}
}

/**
 * Bounded least-recently-used map, approximated so that a hit is one Map
 * lookup: an entry is moved to the young end (delete + set) only once it
 * has aged past half the capacity. A key in steady use therefore never
 * reaches the old end and is never evicted, while hits on recent entries
 * (the common case) cost no Map writes.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private clock = 0;
  private readonly refreshAge: number;

  constructor(private readonly maxSize: number) {
    this.refreshAge = Math.max(1, Math.floor(maxSize / 2));
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.clock - entry.stamp > this.refreshAge) {
      this.clock += 1;
      entry.stamp = this.clock;
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    if (this.maxSize <= 0) return;
    this.clock += 1;
    this.entries.delete(key);
    this.entries.set(key, new Entry(value, this.clock));
    if (this.entries.size > this.maxSize) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
