import { describe, expect, it } from "vitest";

import { hashApiKey } from "@/lib/contracts/hash";

import { API_KEY_LENGTH, API_KEY_PREFIX, displayPrefixOf, generateApiKey, hashApiKeyValue, isWellFormedApiKey } from "./api-key-format";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

describe("API key format", () => {
  it("generates fixed-length ptk_ keys of base62 characters that pass their own check", () => {
    for (let i = 0; i < 200; i += 1) {
      const key = generateApiKey();
      expect(key).toHaveLength(API_KEY_LENGTH);
      expect(key).toMatch(/^ptk_[0-9A-Za-z]{36}$/);
      expect(isWellFormedApiKey(key)).toBe(true);
    }
  });

  it("carries at least 160 bits of randomness: no two of many keys share their random part", () => {
    expect((API_KEY_LENGTH - API_KEY_PREFIX.length - 6) * Math.log2(62)).toBeGreaterThanOrEqual(160);
    const bodies = new Set(Array.from({ length: 5000 }, () => generateApiKey().slice(4, 34)));
    expect(bodies.size).toBe(5000);
  });

  it("uses every base62 character with roughly equal frequency (no modulo bias)", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i += 1) {
      for (const char of generateApiKey().slice(4, 34)) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect(counts.size).toBe(62);
    const expected = (2000 * 30) / 62;
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(expected * 0.75);
      expect(count).toBeLessThan(expected * 1.25);
    }
  });

  it("catches every single-character typo through the checksum", () => {
    const key = generateApiKey();
    for (let position = API_KEY_PREFIX.length; position < key.length; position += 1) {
      for (const replacement of BASE62) {
        if (replacement === key[position]) continue;
        const typo = key.slice(0, position) + replacement + key.slice(position + 1);
        expect(isWellFormedApiKey(typo), `${position}:${replacement}`).toBe(false);
      }
    }
  });

  it("catches swapped neighbouring characters", () => {
    const key = generateApiKey();
    for (let position = API_KEY_PREFIX.length; position < key.length - 1; position += 1) {
      if (key[position] === key[position + 1]) continue;
      const swapped = key.slice(0, position) + key[position + 1] + key[position] + key.slice(position + 2);
      expect(isWellFormedApiKey(swapped)).toBe(false);
    }
  });

  it("refuses a wrong prefix, a truncated or padded key, and characters outside base62", () => {
    const key = generateApiKey();
    expect(isWellFormedApiKey(`ptx_${key.slice(4)}`)).toBe(false);
    expect(isWellFormedApiKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKey(`${key}A`)).toBe(false);
    expect(isWellFormedApiKey(` ${key.slice(1)}`)).toBe(false);
    expect(isWellFormedApiKey(`${key.slice(0, 10)}-${key.slice(11)}`)).toBe(false);
    expect(isWellFormedApiKey("")).toBe(false);
  });

  it("hashes to the same SHA-256 hex as the gateway contract, never containing the key", () => {
    const key = generateApiKey();
    const hash = hashApiKeyValue(key);
    expect(hash).toMatch(/^[a-f0-9]{64}$/);
    expect(hash).toBe(hashApiKey(key));
    expect(hash).not.toContain(key.slice(4));
  });

  it("shows only the prefix and 8 characters of a Portico key, and 4 characters of a foreign key", () => {
    const key = generateApiKey();
    expect(displayPrefixOf(key)).toBe(key.slice(0, 12));
    expect(displayPrefixOf("abcdefghijklmnopqrstuvwxyz")).toBe("abcd");
  });
});
