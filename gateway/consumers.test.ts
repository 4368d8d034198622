import { describe, expect, it } from "vitest";
import { consumersSchema } from "@/lib/contracts";
import { hashApiKey } from "@/lib/contracts/hash";
import { CompiledConsumers } from "./consumers";

function compile(): CompiledConsumers {
  const doc = consumersSchema.parse({
    version: 1,
    usagePlans: [
      {
        id: "gold",
        throttle: { rateLimit: 10, burstLimit: 20 },
        quota: { limit: 1000, period: "WEEK" },
        apiStages: [
          {
            apiId: "pets",
            stage: "prod",
            throttle: { "/pets/{id}/GET": { rateLimit: 1, burstLimit: 2 }, "/pets/*": { rateLimit: 3, burstLimit: 4 } },
          },
          { apiId: "pets", stage: "dev" },
        ],
      },
    ],
    apiKeys: [
      { id: "k1", hash: hashApiKey("first-key"), usagePlanIds: ["gold"], expiresAt: "2030-01-01T00:00:00Z" },
      { id: "k2", hash: hashApiKey("second-key"), usagePlanIds: [] },
    ],
  });
  return new CompiledConsumers(doc, "h", 100);
}

describe("compiled consumers", () => {
  it("finds a key by its plaintext through the SHA-256 the document stores, repeatedly", () => {
    const consumers = compile();
    expect(consumers.lookup("first-key")?.id).toBe("k1");
    expect(consumers.lookup("first-key")?.id).toBe("k1");
    expect(consumers.lookup("unknown")).toBeUndefined();
  });

  it("resolves each covered stage's throttle, quota and counter keys ahead of time", () => {
    const record = compile().lookup("first-key");
    expect(record?.expiresAt).toBe(Date.parse("2030-01-01T00:00:00Z"));
    const prod = record?.stages.get("pets/prod");
    expect(prod?.throttle).toEqual({ rate: 10, burst: 20, bucketKey: "tb:pets:prod:k1" });
    expect(prod?.quota).toEqual({ limit: 1000, period: "WEEK", counterKey: "q:gold:k1" });
    expect(prod?.methodThrottles?.get("/pets/{id}/GET")).toEqual({ rate: 1, burst: 2, bucketKey: "tb:pets:prod:k1:/pets/{id}/GET" });
    expect(prod?.methodThrottles?.get("/pets/ANY")?.burst).toBe(4);
    expect(record?.stages.get("pets/dev")?.methodThrottles).toBeNull();
    expect(record?.stages.has("pets/other")).toBe(false);
  });

  it("gives a key without plans no stage at all", () => {
    expect(compile().lookup("second-key")?.stages.size).toBe(0);
  });
});
