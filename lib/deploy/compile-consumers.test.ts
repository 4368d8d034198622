import { describe, expect, it } from "vitest";

import { compileConsumers, type ConsumersSource } from "./compile-consumers";

const hash = (c: string) => c.repeat(64);

const source: ConsumersSource = {
  plans: [
    {
      id: "plan-b",
      name: "Gold",
      throttle: { rateLimit: 10, burstLimit: 20 },
      quota: null,
      stages: [
        { apiId: "api2", stage: "prod", methodThrottles: [] },
        {
          apiId: "api1",
          stage: "dev",
          methodThrottles: [
            { resourcePath: "/pets", httpMethod: "POST", rateLimit: 1, burstLimit: 2 },
            { resourcePath: "/pets", httpMethod: "ANY", rateLimit: 3, burstLimit: 4 },
          ],
        },
      ],
    },
    { id: "plan-a", name: "Free", throttle: null, quota: { limit: 100, period: "DAY" }, stages: [] },
  ],
  keys: [
    { id: "key-2", keyHash: hash("b"), displayPrefix: "pk_2", enabled: false, expiresAt: null, usagePlanIds: ["plan-b", "plan-a"] },
    {
      id: "key-1",
      keyHash: hash("a"),
      displayPrefix: "pk_1",
      enabled: true,
      expiresAt: new Date("2030-01-01T00:00:00Z"),
      usagePlanIds: [],
    },
  ],
};

describe("compileConsumers", () => {
  it("gives the same document and hash whatever order the rows came in", () => {
    const reversed: ConsumersSource = {
      plans: [...source.plans].reverse().map((plan) => ({ ...plan, stages: [...plan.stages].reverse() })),
      keys: [...source.keys].reverse().map((key) => ({ ...key, usagePlanIds: [...key.usagePlanIds].reverse() })),
    };
    expect(compileConsumers(reversed)).toEqual(compileConsumers(source));
  });

  it("keys per-method throttles as the contract does and keeps disabled keys, by hash only", () => {
    const doc = compileConsumers(source);
    expect(doc.usagePlans.map((plan) => plan.id)).toEqual(["plan-a", "plan-b"]);
    expect(doc.usagePlans[1]?.apiStages[0]).toEqual({
      apiId: "api1",
      stage: "dev",
      throttle: { "/pets/*": { rateLimit: 3, burstLimit: 4 }, "/pets/POST": { rateLimit: 1, burstLimit: 2 } },
    });
    expect(doc.apiKeys[1]).toEqual({
      id: "key-2",
      hash: hash("b"),
      prefix: "pk_2",
      enabled: false,
      expiresAt: null,
      usagePlanIds: ["plan-a", "plan-b"],
    });
    expect(doc.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a key that names a plan the document does not have", () => {
    const key = { id: "key-1", keyHash: hash("a"), displayPrefix: "pk_1", enabled: true, expiresAt: null, usagePlanIds: ["missing"] };
    expect(() => compileConsumers({ plans: [], keys: [key] })).toThrow(/usage plan 'missing' is not in this document/);
  });
});
