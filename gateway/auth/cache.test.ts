import { describe, expect, it } from "vitest";
import { TtlCache } from "./cache";

describe("the authorizer result cache", () => {
  it("keeps a result for its TTL and not a moment longer", () => {
    const clock = { now: 1_000 };
    const cache = new TtlCache<string>(10, () => clock.now);
    cache.set("token", "allow", 300_000);
    clock.now += 299_999;
    expect(cache.get("token")).toBe("allow");
    clock.now += 1;
    expect(cache.get("token")).toBeUndefined();
  });

  it("keeps nothing with a TTL of 0", () => {
    const cache = new TtlCache<string>(10);
    cache.set("token", "allow", 0);
    expect(cache.get("token")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("holds at most its size, dropping the oldest", () => {
    const cache = new TtlCache<number>(2);
    cache.set("a", 1, 60_000);
    cache.set("b", 2, 60_000);
    cache.set("c", 3, 60_000);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("c")).toBe(3);
  });
});
