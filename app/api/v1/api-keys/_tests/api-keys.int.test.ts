import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

vi.hoisted(() => {
  // The console reads its environment once, at import: the token of the test gateway must be there first.
  process.env.GATEWAY_ADMIN_TOKEN = "test-admin-token-0123456789-abcdef";
});

import { hashApiKeyValue, isWellFormedApiKey } from "@/lib/keys/api-key-format";
import { ApiKeyChangeResultSchema, ApiKeyPageSchema, ImportApiKeysResultSchema, RotatedApiKeyResultSchema } from "@/lib/schemas/api-key";
import { UsagePlanSchema, UsageReportSchema } from "@/lib/schemas/usage-plan";
import { prisma } from "@/lib/server/db";
import { loadConsumers } from "@/lib/server/deployments/load-consumers";

import { call, expectError, expectOk } from "../../_tests/call";
import * as keysRoute from "../route";
import * as keyRoute from "../[apiKeyId]/route";
import * as revokeRoute from "../[apiKeyId]/revoke/route";
import * as rotateRoute from "../[apiKeyId]/rotate/route";
import * as importRoute from "../import/route";
import * as planRoute from "../../usage-plans/[usagePlanId]/route";
import * as usageRoute from "../../usage-plans/[usagePlanId]/usage/route";
import { createDeployedStage, createPlan, issueKey, startTestNode, uniqueId, type TestNode } from "./fixtures";
import { waitFor } from "@/test/support/wait-for";

let node: TestNode;

beforeAll(async () => {
  node = await startTestNode();
});

afterAll(async () => {
  await node?.stop();
});

/** Every string column of the key's row and of its audit events. */
async function storedTextOf(apiKeyId: string): Promise<string[]> {
  const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: apiKeyId } });
  const events = await prisma.auditEvent.findMany({ where: { targetId: apiKeyId } });
  return [
    ...Object.values(row).filter((value): value is string => typeof value === "string"),
    ...events.map((event) => JSON.stringify(event.details)),
  ];
}

describe("usage plans", () => {
  it("attach only to existing stages: 422 naming the missing one", async () => {
    const { apiId } = await createDeployedStage();
    const result = await call("POST", (await import("../../usage-plans/route")).POST, {
      body: {
        name: uniqueId("plan"),
        apiStages: [
          { apiId, stage: "prod" },
          { apiId, stage: "nope" },
        ],
      },
    });
    const error = expectError(result, 422, "validation_failed");
    expect(error.message).toContain(`API '${apiId}' has no stage 'nope'`);
    expect(error.details?.map((detail) => detail.path)).toEqual(["apiStages.1"]);
  });

  it("take the automation shape and keep throttle, quota and per-method throttles", async () => {
    const { apiId, stage } = await createDeployedStage();
    const { usagePlan } = await createPlan({
      throttle: { rateLimit: 10, burstLimit: 20 },
      quota: { limit: 1000, period: "MONTH" },
      apiStages: [{ apiId, stage, methodThrottles: [{ path: "/pets/{petId}", method: "GET", rateLimit: 1, burstLimit: 2 }] }],
    });
    expect(usagePlan).toMatchObject({
      throttle: { rateLimit: 10, burstLimit: 20 },
      quota: { limit: 1000, period: "MONTH" },
      apiStages: [{ apiId, stage, methodThrottles: [{ path: "/pets/{petId}", method: "GET", rateLimit: 1, burstLimit: 2 }] }],
    });
    const doc = await loadConsumers();
    expect(doc.usagePlans.find((plan) => plan.id === usagePlan.id)?.apiStages[0]?.throttle).toEqual({
      "/pets/{petId}/GET": { rateLimit: 1, burstLimit: 2 },
    });
    const events = await prisma.auditEvent.findMany({ where: { targetId: usagePlan.id } });
    expect(events.map((event) => event.action)).toEqual(["usageplan.create"]);
  });
});

describe("API keys", () => {
  it("are shown once and stored only as a SHA-256 hash and a short prefix that never contain the plaintext", async () => {
    const { apiKey } = await issueKey([]);
    expect(isWellFormedApiKey(apiKey.value)).toBe(true);
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.keyHash).toBe(hashApiKeyValue(apiKey.value));
    expect(row.displayPrefix.length).toBeLessThanOrEqual(12);
    const randomPart = apiKey.value.slice(12);
    for (const text of await storedTextOf(apiKey.id)) {
      expect(text).not.toBe(apiKey.value);
      expect(text).not.toContain(randomPart);
    }
    const read = expectOk(
      await call("GET", keyRoute.GET, { params: { apiKeyId: apiKey.id } }),
      200,
      z.object({ apiKey: z.record(z.string(), z.unknown()) }),
    );
    expect(JSON.stringify(read)).not.toContain(randomPart);
    const list = expectOk(await call("GET", keysRoute.GET), 200, ApiKeyPageSchema);
    expect(JSON.stringify(list)).not.toContain(randomPart);
  });

  it("may be in one plan per API stage: 409 when issuing into two plans that share a stage, or when a plan grows onto one", async () => {
    const first = await createDeployedStage();
    const second = await createDeployedStage();
    const a = (await createPlan({ apiStages: [first] })).usagePlan;
    const b = (await createPlan({ apiStages: [first] })).usagePlan;
    const c = (await createPlan({ apiStages: [second] })).usagePlan;
    const clash = await call("POST", keysRoute.POST, { body: { name: uniqueId("key"), usagePlanIds: [a.id, b.id] } });
    expect(expectError(clash, 409, "conflict").message).toContain(`${first.apiId}/${first.stage}`);

    await issueKey([a.id, c.id]);
    const grow = await call("PATCH", planRoute.PATCH, { params: { usagePlanId: c.id }, body: { apiStages: [second, first] } });
    expect(expectError(grow, 409, "conflict").message).toContain(`'${a.name}'`);
  });

  it("reach the gateway without a redeploy, carry RateLimit headers, stop at the quota, and are refused as soon as revoke answers", async () => {
    const target = await createDeployedStage();
    await node.serveStage(target.apiId, target.stage);
    const { usagePlan } = await createPlan({ quota: { limit: 3, period: "DAY" }, apiStages: [target] });
    const issued = await issueKey([usagePlan.id]);
    expect(issued.nodes.map((outcome) => outcome.status)).toEqual(["applied"]);

    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await node.ping(target.apiId, target.stage, issued.apiKey.value);
      statuses.push(response.status);
      if (i === 0) {
        expect(response.headers["ratelimit-limit"]).toBe("3");
        expect(response.headers["ratelimit-remaining"]).toBe("2");
        expect(Number(response.headers["ratelimit-reset"])).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429]);

    const usage = expectOk(await call("GET", usageRoute.GET, { params: { usagePlanId: usagePlan.id } }), 200, UsageReportSchema);
    expect(usage.items).toMatchObject([{ apiKeyId: issued.apiKey.id, used: 3, remaining: 0, limit: 3, period: "DAY" }]);
    expect(usage.nodes.map((outcome) => outcome.status)).toEqual(["ok"]);

    const started = performance.now();
    const revoked = expectOk(
      await call("POST", revokeRoute.POST, { params: { apiKeyId: issued.apiKey.id } }),
      200,
      ApiKeyChangeResultSchema,
    );
    expect(revoked.apiKey.status).toBe("revoked");
    expect((await node.ping(target.apiId, target.stage, issued.apiKey.value)).status).toBe(403);
    expect(performance.now() - started).toBeLessThan(2_000);

    const again = expectOk(await call("POST", revokeRoute.POST, { params: { apiKeyId: issued.apiKey.id } }), 200, ApiKeyChangeResultSchema);
    expect(again.apiKey.revokedAt).toBe(revoked.apiKey.revokedAt);
    const actions = (await prisma.auditEvent.findMany({ where: { targetId: issued.apiKey.id }, orderBy: { id: "asc" } })).map(
      (event) => event.action,
    );
    expect(actions).toEqual(["apikey.create", "apikey.revoke"]);
  });

  it("can be disabled and enabled again, and the gateway follows", async () => {
    const target = await createDeployedStage();
    await node.serveStage(target.apiId, target.stage);
    const { usagePlan } = await createPlan({ apiStages: [target] });
    const { apiKey } = await issueKey([usagePlan.id]);
    await call("PATCH", keyRoute.PATCH, { params: { apiKeyId: apiKey.id }, body: { enabled: false } });
    expect((await node.ping(target.apiId, target.stage, apiKey.value)).status).toBe(403);
    const enabled = expectOk(
      await call("PATCH", keyRoute.PATCH, { params: { apiKeyId: apiKey.id }, body: { enabled: true } }),
      200,
      ApiKeyChangeResultSchema,
    );
    expect(enabled.apiKey.status).toBe("enabled");
    expect((await node.ping(target.apiId, target.stage, apiKey.value)).status).toBe(200);
  });
});

describe("rotation", () => {
  it("makes the new key work at once and keeps the old one working until its grace period ends, then refuses it", async () => {
    const target = await createDeployedStage();
    await node.serveStage(target.apiId, target.stage);
    const { usagePlan } = await createPlan({ apiStages: [target] });
    const old = (await issueKey([usagePlan.id])).apiKey;

    const rotated = expectOk(
      await call("POST", rotateRoute.POST, { params: { apiKeyId: old.id }, body: { gracePeriodSeconds: 1 } }),
      201,
      RotatedApiKeyResultSchema,
    );
    expect(rotated.apiKey.value).not.toBe(old.value);
    expect(rotated.apiKey.usagePlans.map((plan) => plan.id)).toEqual([usagePlan.id]);
    expect(rotated.apiKey.rotatedFromId).toBe(old.id);
    expect(rotated.previous.status).toBe("expiring");
    const expiresAt = Date.parse(rotated.previous.expiresAt ?? "");
    expect((await node.ping(target.apiId, target.stage, rotated.apiKey.value)).status).toBe(200);
    // Still inside the grace period only if this answer came before expiresAt.
    const beforeExpiry = Date.now() < expiresAt - 100;
    const oldStatus = (await node.ping(target.apiId, target.stage, old.value)).status;
    if (beforeExpiry) expect(oldStatus).toBe(200);

    await waitFor(async () => (await node.ping(target.apiId, target.stage, old.value)).status, {
      what: "the old key to be refused",
      until: (status) => status === 403,
      timeoutMs: 5_000,
    });
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt - 50);
    expect((await node.ping(target.apiId, target.stage, rotated.apiKey.value)).status).toBe(200);
    const doc = await loadConsumers();
    expect(doc.apiKeys.some((key) => key.id === old.id)).toBe(false);
  });

  it("with a long grace period leaves the old key in the document with its expiry, and refuses a second rotation of it", async () => {
    const { usagePlan } = await createPlan({});
    const old = (await issueKey([usagePlan.id])).apiKey;
    const rotated = expectOk(
      await call("POST", rotateRoute.POST, { params: { apiKeyId: old.id }, body: { gracePeriodSeconds: 3600 } }),
      201,
      RotatedApiKeyResultSchema,
    );
    const doc = await loadConsumers();
    expect(doc.apiKeys.find((key) => key.id === old.id)?.expiresAt).toBe(rotated.previous.expiresAt);
    const later = await loadConsumers(prisma, new Date(Date.parse(rotated.previous.expiresAt ?? "") + 1000));
    expect(later.apiKeys.some((key) => key.id === old.id)).toBe(false);
    expect(later.apiKeys.some((key) => key.id === rotated.apiKey.id)).toBe(true);
    const twice = await call("POST", rotateRoute.POST, { params: { apiKeyId: old.id }, body: { gracePeriodSeconds: 60 } });
    expect(expectError(twice, 409).message).toContain("already rotated");
    const events = await prisma.auditEvent.findMany({ where: { targetId: old.id, action: "apikey.rotate" } });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events.map((event) => event.details))).not.toContain(rotated.apiKey.value.slice(12));
  });
});

describe("CSV import", () => {
  function csvWith(goodKeys: string[], planId: string): string {
    return [
      "Name,Key,Description,Enabled,UsagePlanIds",
      `good-1,${goodKeys[0]},first,true,${planId}`,
      "short,tooShortKey,,true,",
      `good-2,${goodKeys[1]},,false,`,
      `noplan,${"z".repeat(24)},,true,missing-plan`,
    ].join("\n");
  }

  it("with failOnWarnings=true imports nothing and reports the bad lines by number", async () => {
    const { usagePlan } = await createPlan({});
    const keys = [`imp_${uniqueId("a").repeat(2)}`, `imp_${uniqueId("b").repeat(2)}`];
    const before = await prisma.apiKey.count();
    const result = await call("POST", importRoute.POST, {
      query: { failOnWarnings: "true" },
      rawBody: csvWith(keys, usagePlan.id),
      contentType: "text/csv",
    });
    const error = expectError(result, 422, "validation_failed");
    expect(error.message).toMatch(/Nothing was imported: 2 lines were rejected/);
    expect(error.details?.map((detail) => detail.path)).toEqual(["line 3", "line 5"]);
    expect(error.details?.[0]?.message).toContain("20 to 128");
    expect(error.details?.[1]?.message).toBe("usage plan 'missing-plan' does not exist");
    expect(await prisma.apiKey.count()).toBe(before);
  });

  it("with failOnWarnings=false keeps the good lines, hashes them, and the gateway accepts them", async () => {
    const target = await createDeployedStage();
    await node.serveStage(target.apiId, target.stage);
    const { usagePlan } = await createPlan({ apiStages: [target] });
    const keys = [`imp_${uniqueId("c").repeat(2)}`, `imp_${uniqueId("d").repeat(2)}`];
    const result = expectOk(
      await call("POST", importRoute.POST, {
        query: { failOnWarnings: "false" },
        rawBody: csvWith(keys, usagePlan.id),
        contentType: "text/csv",
      }),
      201,
      ImportApiKeysResultSchema,
    );
    expect(result.imported).toBe(2);
    expect(result.rejected).toBe(2);
    expect(result.lines.map((line) => [line.line, line.status])).toEqual([
      [2, "imported"],
      [3, "rejected"],
      [4, "imported"],
      [5, "rejected"],
    ]);
    expect(JSON.stringify(result)).not.toContain(keys[0]);
    const stored = await prisma.apiKey.findMany({ where: { keyHash: { in: keys.map(hashApiKeyValue) } }, orderBy: { name: "asc" } });
    expect(stored.map((key) => [key.name, key.enabled])).toEqual([
      ["good-1", true],
      ["good-2", false],
    ]);
    for (const key of stored) for (const text of await storedTextOf(key.id)) for (const value of keys) expect(text).not.toContain(value);
    expect((await node.ping(target.apiId, target.stage, keys[0] ?? "")).status).toBe(200);

    const again = expectOk(
      await call("POST", importRoute.POST, { rawBody: `name,key\ndup,${keys[0]}\n`, contentType: "text/csv" }),
      200,
      ImportApiKeysResultSchema,
    );
    expect(again.lines).toEqual([{ line: 2, status: "rejected", message: "this key is already issued" }]);
  });

  it("refuses a file without a key column, naming line 1", async () => {
    const result = await call("POST", importRoute.POST, { rawBody: "name,description\nx,y\n", contentType: "text/csv" });
    expect(expectError(result, 400).message).toMatch(/^Line 1: the header has no 'key' column/);
  });

  it("limits the file by the bytes sent, not its characters, answering 413 in the error shape", async () => {
    // 400,000 characters of three bytes each: under 1 MiB of characters, over 1 MiB of bytes.
    const rawBody = `name,key\nbig,imp_${"€".repeat(400_000)}\n`;
    expect(rawBody.length).toBeLessThan(1024 * 1024);
    const before = await prisma.apiKey.count();
    const error = expectError(await call("POST", importRoute.POST, { rawBody, contentType: "text/csv" }), 413, "payload_too_large");
    expect(error.message).toBe("The file is larger than 1 MiB; split it into several imports");
    expect(await prisma.apiKey.count()).toBe(before);
  });
});

describe("usage plan changes", () => {
  it("reach the gateway without a redeploy: a quota added to a plan applies to its keys at once", async () => {
    const target = await createDeployedStage();
    await node.serveStage(target.apiId, target.stage);
    const { usagePlan } = await createPlan({ apiStages: [target] });
    const { apiKey } = await issueKey([usagePlan.id]);
    expect((await node.ping(target.apiId, target.stage, apiKey.value)).headers["ratelimit-limit"]).toBeUndefined();
    const changed = expectOk(
      await call("PATCH", planRoute.PATCH, { params: { usagePlanId: usagePlan.id }, body: { quota: { limit: 1, period: "WEEK" } } }),
      200,
      z.object({ usagePlan: UsagePlanSchema }),
    );
    expect(changed.usagePlan.quota).toEqual({ limit: 1, period: "WEEK" });
    expect((await node.ping(target.apiId, target.stage, apiKey.value)).status).toBe(200);
    expect((await node.ping(target.apiId, target.stage, apiKey.value)).status).toBe(429);
  });
});
