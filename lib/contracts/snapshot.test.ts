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
    expect(stableStringify({ b: 1, a: { d: [3, { z: 1, y: undefined, x: null }], c: "s" } })).toBe('{"a":{"c":"s","d":[3,{"x":null,"z":1}]},"b":1}');
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

describe("hashing in slices", () => {
  it("gives exactly hashSnapshot's result, canary and undefined members included", async () => {
    const { hashSnapshotInSlices } = await import("./hash");
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
    expect(await hashSnapshotInSlices(doc, 0)).toBe(hashSnapshot(doc));
    expect(await hashSnapshotInSlices({ ...doc, hash: "x" })).toBe(hashSnapshot(doc));
    const plain = snapshotSchema.parse(snapshot());
    expect(await hashSnapshotInSlices(plain, 0)).toBe(hashSnapshot(plain));
  });
});
