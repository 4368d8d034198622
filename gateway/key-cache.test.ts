import { describe, expect, it } from "vitest";
import { LruCache } from "./key-cache";

describe("LruCache", () => {
  it("never holds more than its capacity", () => {
    const cache = new LruCache<string, number>(100);
    for (let i = 0; i < 1_000; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBe(100);
    expect(cache.get("k0")).toBeUndefined();
    expect(cache.get("k999")).toBe(999);
  });

  it("keeps a key in steady use while a flood of new keys passes through", () => {
    const cache = new LruCache<string, number>(10);
    cache.set("hot", 1);
    for (let i = 0; i < 1_000; i++) {
      cache.set(`cold${i}`, i);
      expect(cache.get("hot"), `after ${i} inserts`).toBe(1);
    }
  });

  it("evicts the least recently used entry first", () => {
    const cache = new LruCache<string, number>(4);
    for (const key of ["a", "b", "c", "d"]) cache.set(key, 0);
    cache.set("e", 0);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBe(0);
  });

  it("stores nothing with a capacity of zero", () => {
    const cache = new LruCache<string, number>(0);
    cache.set("a", 1);
    expect(cache.get("a")).toBeUndefined();
  });
});
