import "server-only";

import type { Prisma } from "@/lib/generated/prisma/client";
import type { UsagePlanDto } from "@/lib/schemas/usage-plan";

/** What every usage-plan read selects, so that serialisation has all it needs. */
export const usagePlanInclude = {
  stages: {
    include: {
      stage: { select: { apiId: true, name: true } },
      methodThrottles: { orderBy: [{ resourcePath: "asc" }, { httpMethod: "asc" }] },
    },
  },
  _count: { select: { keys: { where: { apiKey: { revokedAt: null } } } } },
} satisfies Prisma.UsagePlanInclude;

export type UsagePlanRow = Prisma.UsagePlanGetPayload<{ include: typeof usagePlanInclude }>;

type MethodName = UsagePlanDto["apiStages"][number]["methodThrottles"][number]["method"];

type PlanLimitColumns = Pick<UsagePlanRow, "throttleRateLimit" | "throttleBurstLimit" | "quotaLimit" | "quotaPeriod">;

/** A plan's throttle, stored as two nullable columns: null unless both are set. */
export function planThrottle(plan: PlanLimitColumns): UsagePlanDto["throttle"] {
  return plan.throttleRateLimit !== null && plan.throttleBurstLimit !== null
    ? { rateLimit: plan.throttleRateLimit, burstLimit: plan.throttleBurstLimit }
    : null;
}

/** A plan's quota, stored as two nullable columns: null unless both are set. */
export function planQuota(plan: PlanLimitColumns): UsagePlanDto["quota"] {
  return plan.quotaLimit !== null && plan.quotaPeriod !== null ? { limit: plan.quotaLimit, period: plan.quotaPeriod } : null;
}

export function toUsagePlanDto(plan: UsagePlanRow): UsagePlanDto {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    throttle: planThrottle(plan),
    quota: planQuota(plan),
    apiStages: plan.stages
      .map((planStage) => ({
        apiId: planStage.stage.apiId,
        stage: planStage.stage.name,
        methodThrottles: planStage.methodThrottles.map((throttle) => ({
          path: throttle.resourcePath,
          method: throttle.httpMethod as MethodName,
          rateLimit: throttle.rateLimit,
          burstLimit: throttle.burstLimit,
        })),
      }))
      .sort((a, b) => `${a.apiId}/${a.stage}`.localeCompare(`${b.apiId}/${b.stage}`)),
    keyCount: plan._count.keys,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}
