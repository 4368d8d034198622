import { describe, expect, it } from "vitest";
import { consumersSchema, parseMethodThrottleKey, snapshotSchema, type SnapshotInput } from "./index";
import { hashApiKey, hashSnapshot } from "./hash";

function snapshot(overrides: Partial<SnapshotInput> = {}): SnapshotInput {
  return {
    version: 1,
    apiId: "petstore",
    stage: "prod",
    deploymentId: "d1",
    createdAt: "2025-01-01T00:00:00.000Z",
    api: { name: "Pets" },
    routes: [
      { id: "r1", method: "GET", path: "/pets/{petId}", integration: { type: "http_proxy", uri: "http://127.0.0.1:1/pets/{petId}" } },
      { id: "r2", method: "ANY", path: "/{proxy+}", integration: { type: "mock", mock: { statusCode: 200, body: "ok" } } },
    ],
    ...overrides,
  };
}

describe("snapshot contract", () => {
  it("fills defaults so producers may omit them", () => {
    const parsed = snapshotSchema.parse(snapshot());
    expect(parsed.routes[0]?.integration.timeoutMs).toBe(29_000);
    expect(parsed.routes[0]?.authorization).toBe("NONE");
    expect(parsed.stageVariables).toEqual({});
  });

  it("rejects a document of another version", () => {
    expect(snapshotSchema.safeParse({ ...snapshot(), version: 2 }).success).toBe(false);
  });

  it("names the failing field for a malformed route path", () => {
    const result = snapshotSchema.safeParse(
      snapshot({ routes: [{ id: "r", method: "GET", path: "/a/{proxy+}/b", integration: { type: "mock", mock: {} } }] }),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["routes", 0, "path"]);
  });

  it("accepts segments that mix literal text and parameters, and literal @ : , ~ characters; refuses what a router cannot split", () => {
    const route = (path: string) => ({ id: "r", method: "GET" as const, path, integration: { type: "mock" as const, mock: {} } });
    for (const path of [
      "/calls/{sid}.json",
      "/archives/{name}.{ext}",
      "/near/{lat}-{lng}",
      "/v{version}/status",
      "/users/@{name}",
      "/ns/a:b",
      "/x/a,b~c",
    ])
      expect(snapshotSchema.safeParse(snapshot({ routes: [route(path)] })).success, path).toBe(true);
    // Nothing tells where {a} ends when another parameter or a letter follows it; * ( ) + are router patterns.
    for (const path of ["/bad/{a}{b}", "/bad/{a}x", "/bad/a{b}c", "/bad/a*b", "/bad/(x)", "/bad/{a}.json/{a}"])
      expect(snapshotSchema.safeParse(snapshot({ routes: [route(path)] })).success, path).toBe(false);
  });

  it("rejects two routes that differ only in parameter names", () => {
    const result = snapshotSchema.safeParse(
      snapshot({
        routes: [
          { id: "a", method: "GET", path: "/pets/{id}", integration: { type: "mock", mock: {} } },
          { id: "b", method: "GET", path: "/pets/{petId}", integration: { type: "mock", mock: {} } },
        ],
      }),
    );
    expect(result.success).toBe(false);
  });

  it("hashes the same content to the same value whatever the key order, ignoring the hash field", () => {
    const a = snapshotSchema.parse(snapshot());
    const b = snapshotSchema.parse(JSON.parse(JSON.stringify({ ...snapshot(), api: { name: "Pets" }, hash: "0".repeat(64) })));
    expect(hashSnapshot(a)).toBe(hashSnapshot(b));
    expect(hashSnapshot(a)).not.toBe(hashSnapshot(snapshotSchema.parse(snapshot({ deploymentId: "d2" }))));
  });
});

describe("consumers contract", () => {
  const plan = { id: "gold", throttle: { rateLimit: 10, burstLimit: 20 }, apiStages: [{ apiId: "petstore", stage: "prod" }] };

  it("accepts keys by hash attached to existing plans", () => {
    const doc = consumersSchema.parse({
      version: 1,
      usagePlans: [plan],
      apiKeys: [{ id: "k1", hash: hashApiKey("secret"), usagePlanIds: ["gold"] }],
    });
    expect(doc.apiKeys[0]?.enabled).toBe(true);
  });

  it("rejects a key attached to a plan the document does not define", () => {
    const result = consumersSchema.safeParse({
      version: 1,
      usagePlans: [plan],
      apiKeys: [{ id: "k1", hash: hashApiKey("secret"), usagePlanIds: ["silver"] }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["apiKeys", 0, "usagePlanIds", 0]);
  });

  it("rejects a key in two plans covering the same API stage", () => {
    const result = consumersSchema.safeParse({
      version: 1,
      usagePlans: [plan, { ...plan, id: "silver" }],
      apiKeys: [{ id: "k1", hash: hashApiKey("secret"), usagePlanIds: ["gold", "silver"] }],
    });
    expect(result.success).toBe(false);
  });

  it("parses per-method throttle keys in API Gateway's resourcePath/METHOD form", () => {
    expect(parseMethodThrottleKey("/pets/{petId}/GET")).toEqual({ path: "/pets/{petId}", method: "GET" });
    expect(parseMethodThrottleKey("//GET")).toEqual({ path: "/", method: "GET" });
    expect(parseMethodThrottleKey("/pets/*")).toEqual({ path: "/pets", method: "ANY" });
    expect(parseMethodThrottleKey("/pets GET")).toBeNull();
  });
});

describe("canonical JSON", () => {
  it("sorts keys at every depth, drops undefined members and keeps array order", async () => {
    const { stableStringify } = await import("./hash");
    expect(stableStringify({ b: 1, a: { d: [3, { z: 1, y: undefined, x: null }], c: "s" } })).toBe(
      '{"a":{"c":"s","d":[3,{"x":null,"z":1}]},"b":1}',
    );
  });
});

describe("sealing documents", () => {
  it("produces a document whose hash the gateway's own check accepts, whatever hash the input carried", async () => {
    const { sealSnapshot } = await import("./hash");
    const sealed = sealSnapshot({ ...snapshot(), hash: "f".repeat(64) });
    const { hash, ...content } = sealed;
    expect(hash).toBe(hashSnapshot(snapshotSchema.parse(content)));
    expect(snapshotSchema.parse(sealed).hash).toBe(hash);
  });
});

/** The definition the canonical writer must match: JSON.stringify with every plain object's keys sorted. */
function sortedReplacer(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}

/** A deterministic pseudo-random JSON-ish value (xorshift), with the awkward cases JSON.stringify treats specially. */
function randomValue(next: () => number, depth: number): unknown {
  const pick = next() % (depth > 3 ? 8 : 10);
  const leaves: unknown[] = [
    "",
    "plain",
    'quote " and \\ backslash',
    "line\nbreak\u0001",
    "émoji 🚀 \ud800",
    0,
    -0,
    1.5e-7,
    123456789012345680000,
    -42,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    false,
    null,
    undefined,
    () => 1,
    new Date(Date.UTC(2026, 0, 2)),
  ];
  if (pick < 8) return leaves[next() % leaves.length];
  if (pick === 8) return Array.from({ length: next() % 5 }, () => randomValue(next, depth + 1));
  const record: Record<string, unknown> = {};
  const names = ["b", "a", "B", "aa", "a\u0000", "é", "10", "2", "__proto__x", "z", ""];
  for (let i = next() % 6; i > 0; i--) record[names[next() % names.length]] = randomValue(next, depth + 1);
  return record;
}

describe("canonical JSON writer", () => {
  it("writes exactly what JSON.stringify with sorted keys writes, for thousands of awkward values", async () => {
    const { stableStringify, stableStringifyMemo } = await import("./hash");
    const memo = new WeakMap<object, string>();
    let state = 0x2545f491;
    const next = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state >>> 0;
    };
    for (let i = 0; i < 5000; i++) {
      const value = randomValue(next, 0);
      const expected = JSON.stringify(value, sortedReplacer) ?? "null";
      expect(stableStringify(value), expected).toBe(expected);
      // Twice with one memo: written, then taken from it.
      expect(stableStringifyMemo(value, memo), expected).toBe(expected);
      expect(stableStringifyMemo(value, memo), expected).toBe(expected);
    }
    const doc = snapshotSchema.parse(
      snapshot({
        stageVariables: { b: "2", a: "1" },
        canary: {
          percent: 5,
          deploymentId: "c1",
          routes: [{ id: "c", method: "GET", path: "/c", integration: { type: "mock", mock: { body: "x" } } }],
        },
      }),
    );
    expect(stableStringify(doc)).toBe(JSON.stringify(doc, sortedReplacer));
    expect(stableStringifyMemo(doc, memo)).toBe(JSON.stringify(doc, sortedReplacer));
    expect(stableStringifyMemo({ ...doc, routes: [...doc.routes] }, memo)).toBe(JSON.stringify(doc, sortedReplacer));
    expect(() => stableStringify({ n: 1n })).toThrow(TypeError);
  });
});
