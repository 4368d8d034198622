import type { CreateUsagePlanBody, MethodThrottle, UsagePlanDto } from "@/lib/schemas/usage-plan";

// The plan dialog edits strings (what inputs hold) and turns them into the
// API's body on save; the server's schema stays the judge of what is valid.

export type MethodThrottleRow = { path: string; method: MethodThrottle["method"]; rateLimit: string; burstLimit: string };
export type StageRow = { apiId: string; stage: string; methodThrottles: MethodThrottleRow[] };

export type PlanFormState = {
  name: string;
  description: string;
  throttleOn: boolean;
  rateLimit: string;
  burstLimit: string;
  quotaOn: boolean;
  quotaLimit: string;
  quotaPeriod: "DAY" | "WEEK" | "MONTH";
  stages: StageRow[];
};

export function emptyPlanForm(): PlanFormState {
  return {
    name: "",
    description: "",
    throttleOn: false,
    rateLimit: "10",
    burstLimit: "20",
    quotaOn: false,
    quotaLimit: "1000",
    quotaPeriod: "DAY",
    stages: [],
  };
}

export function planToForm(plan: UsagePlanDto): PlanFormState {
  return {
    name: plan.name,
    description: plan.description,
    throttleOn: plan.throttle !== null,
    rateLimit: String(plan.throttle?.rateLimit ?? 10),
    burstLimit: String(plan.throttle?.burstLimit ?? 20),
    quotaOn: plan.quota !== null,
    quotaLimit: String(plan.quota?.limit ?? 1000),
    quotaPeriod: plan.quota?.period ?? "DAY",
    stages: plan.apiStages.map((stage) => ({
      apiId: stage.apiId,
      stage: stage.stage,
      methodThrottles: stage.methodThrottles.map((throttle) => ({
        path: throttle.path,
        method: throttle.method,
        rateLimit: String(throttle.rateLimit),
        burstLimit: String(throttle.burstLimit),
      })),
    })),
  };
}

/** Numbers the user left empty become NaN, which the server's schema names precisely. */
function toNumber(value: string): number {
  return value.trim() === "" ? Number.NaN : Number(value);
}

/** The body for POST (and, with nulls for removed throttle and quota, for PATCH). */
export function formToBody(form: PlanFormState): Omit<CreateUsagePlanBody, "throttle" | "quota"> & {
  throttle: CreateUsagePlanBody["throttle"] | null;
  quota: CreateUsagePlanBody["quota"] | null;
} {
  return {
    name: form.name.trim(),
    description: form.description.trim(),
    throttle: form.throttleOn ? { rateLimit: toNumber(form.rateLimit), burstLimit: toNumber(form.burstLimit) } : null,
    quota: form.quotaOn ? { limit: toNumber(form.quotaLimit), period: form.quotaPeriod } : null,
    apiStages: form.stages
      .filter((stage) => stage.apiId !== "" && stage.stage !== "")
      .map((stage) => ({
        apiId: stage.apiId,
        stage: stage.stage,
        methodThrottles: stage.methodThrottles.map((throttle) => ({
          path: throttle.path.trim(),
          method: throttle.method,
          rateLimit: toNumber(throttle.rateLimit),
          burstLimit: toNumber(throttle.burstLimit),
        })),
      })),
  };
}
