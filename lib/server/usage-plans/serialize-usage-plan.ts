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

export function toUsagePlanDto(plan: UsagePlanRow): UsagePlanDto {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    throttle:
      plan.throttleRateLimit !== null && plan.throttleBurstLimit !== null
        ? { rateLimit: plan.throttleRateLimit, burstLimit: plan.throttleBurstLimit }
        : null,
    quota: plan.quotaLimit !== null && plan.quotaPeriod !== null ? { limit: plan.quotaLimit, period: plan.quotaPeriod } : null,
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
