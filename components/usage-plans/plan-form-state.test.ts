import { describe, expect, it } from "vitest";

import { createUsagePlanBodySchema } from "@/lib/schemas/usage-plan";

import { emptyPlanForm, formToBody, planToForm } from "./plan-form-state";

describe("plan form state", () => {
  it("turns a filled form into a body the API accepts, leaving out half-picked stages", () => {
    const form = {
      ...emptyPlanForm(),
      name: " Gold ",
      quotaOn: true,
      quotaLimit: "5",
      stages: [
        { apiId: "abc", stage: "prod", methodThrottles: [{ path: "/pets", method: "GET" as const, rateLimit: "1", burstLimit: "2" }] },
        { apiId: "abc", stage: "", methodThrottles: [] },
      ],
    };
    const body = formToBody(form);
    expect(body).toMatchObject({ name: "Gold", throttle: null, quota: { limit: 5, period: "DAY" } });
    expect(body.apiStages).toHaveLength(1);
    const { throttle: _t, quota, ...rest } = body;
    expect(createUsagePlanBodySchema.safeParse({ ...rest, quota: quota ?? undefined }).success).toBe(true);
  });

  it("round-trips a plan through the form", () => {
    const plan = {
      id: "p",
      name: "Silver",
      description: "",
      throttle: { rateLimit: 3, burstLimit: 6 },
      quota: { limit: 100, period: "WEEK" as const },
      apiStages: [{ apiId: "abc", stage: "dev", methodThrottles: [{ path: "/x", method: "POST" as const, rateLimit: 1, burstLimit: 1 }] }],
      keyCount: 0,
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
    };
    const body = formToBody(planToForm(plan));
    expect(body).toEqual({ name: "Silver", description: "", throttle: plan.throttle, quota: plan.quota, apiStages: plan.apiStages });
  });

  it("sends an empty number as NaN so the server names the field instead of guessing a value", () => {
    const body = formToBody({ ...emptyPlanForm(), name: "x", throttleOn: true, rateLimit: "" });
    expect(Number.isNaN(body.throttle?.rateLimit)).toBe(true);
  });
});
