import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // The console reads its environment once, at import: the token of the test gateway must be there first.
  process.env.GATEWAY_ADMIN_TOKEN = "test-admin-token-0123456789-abcdef";
});

import { UsageReportSchema } from "@/lib/schemas/usage-plan";

import { call, expectError, expectOk } from "../../../../_tests/call";
import { createDeployedStage, createPlan, issueKey, startTestNode, type TestNode } from "../../../../api-keys/_tests/fixtures";
import * as usageRoute from "../route";

let node: TestNode;

beforeAll(async () => {
  node = await startTestNode();
});

afterAll(async () => {
  await node?.stop();
});

const today = () => new Date().toISOString().slice(0, 10);

describe("GET /api/v1/usage-plans/{id}/usage", () => {
  it("shows the requests a key made through a real gateway today, per day over the last 7 days by default", async () => {
    const target = await createDeployedStage();
    await node.serveStage(target.apiId, target.stage);
    const { usagePlan } = await createPlan({ apiStages: [target] });
    const issued = await issueKey([usagePlan.id]);
    const idle = await issueKey([usagePlan.id]);
    const requests = 7;
    for (let i = 0; i < requests; i += 1) expect((await node.ping(target.apiId, target.stage, issued.apiKey.value)).status).toBe(200);

    const report = expectOk(await call("GET", usageRoute.GET, { params: { usagePlanId: usagePlan.id } }), 200, UsageReportSchema);
    expect(report.endDate).toBe(today());
    expect(report.keys.map((key) => key.apiKeyId)).toEqual([issued.apiKey.id, idle.apiKey.id]);
    const days = report.keys[0]?.days ?? [];
    expect(days).toHaveLength(7);
    expect(days.at(-1)).toEqual({ date: today(), used: requests, remaining: null });
    expect(days.slice(0, 6).reduce((sum, day) => sum + day.used, 0)).toBe(0);
    expect(report.usage[issued.apiKey.id]?.at(-1)).toEqual([requests, null]);
    expect(report.usage[idle.apiKey.id]?.every(([used]) => used === 0)).toBe(true);
    expect(report.items).toEqual([]);
    expect(report.nodes.map((outcome) => outcome.status)).toEqual(["ok"]);
  });

  it("gives the quota left per day and the current period's quota for a plan with a quota, for one key when asked", async () => {
    const target = await createDeployedStage();
    await node.serveStage(target.apiId, target.stage);
    const { usagePlan } = await createPlan({ quota: { limit: 10, period: "DAY" }, apiStages: [target] });
    const issued = await issueKey([usagePlan.id]);
    await issueKey([usagePlan.id]);
    for (let i = 0; i < 4; i += 1) expect((await node.ping(target.apiId, target.stage, issued.apiKey.value)).status).toBe(200);

    const report = expectOk(
      await call("GET", usageRoute.GET, {
        params: { usagePlanId: usagePlan.id },
        query: { keyId: issued.apiKey.id, startDate: today(), endDate: today() },
      }),
      200,
      UsageReportSchema,
    );
    expect(report.keys).toHaveLength(1);
    expect(report.keys[0]?.days).toEqual([{ date: today(), used: 4, remaining: 6 }]);
    expect(report.items).toMatchObject([{ apiKeyId: issued.apiKey.id, used: 4, remaining: 6 }]);
  });

  it("refuses ranges longer than 90 days or reversed with 422 naming startDate", async () => {
    const { usagePlan } = await createPlan({});
    for (const query of [
      { startDate: "2026-01-01", endDate: "2026-04-01" },
      { startDate: "2026-03-02", endDate: "2026-03-01" },
    ]) {
      const error = expectError(
        await call("GET", usageRoute.GET, { params: { usagePlanId: usagePlan.id }, query }),
        422,
        "validation_failed",
      );
      expect(error.details?.map((detail) => detail.path)).toEqual(["startDate"]);
    }
  });
});
