import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import type { CreateUsagePlanBody, UsagePlanDto } from "@/lib/schemas/usage-plan";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { resolveApiStagesOrThrow } from "./resolve-api-stages";
import { toUsagePlanDto, usagePlanInclude } from "./serialize-usage-plan";
import { writePlanStages } from "./write-plan-stages";

export type CreateUsagePlanOptions = { input: CreateUsagePlanBody; actor: Actor };

/** Creates a usage plan attached to existing API stages (422 naming any missing stage). */
export async function createUsagePlan({ input, actor }: CreateUsagePlanOptions, db: Db = prisma): Promise<UsagePlanDto> {
  return inTransaction(db, async (tx) => {
    const stages = await resolveApiStagesOrThrow(input.apiStages, tx);
    const plan = await tx.usagePlan.create({
      data: {
        name: input.name,
        description: input.description ?? "",
        throttleRateLimit: input.throttle?.rateLimit ?? null,
        throttleBurstLimit: input.throttle?.burstLimit ?? null,
        quotaLimit: input.quota?.limit ?? null,
        quotaPeriod: input.quota?.period ?? null,
      },
    });
    await writePlanStages(plan.id, stages, tx);
    await recordEvent(
      {
        actor,
        action: "usageplan.create",
        targetType: "usagePlan",
        targetId: plan.id,
        apiId: null,
        details: {
          name: plan.name,
          throttle: input.throttle ?? null,
          quota: input.quota ?? null,
          apiStages: input.apiStages.map((stage) => `${stage.apiId}/${stage.stage}`),
        },
      },
      tx,
    );
    return toUsagePlanDto(await tx.usagePlan.findUniqueOrThrow({ where: { id: plan.id }, include: usagePlanInclude }));
  });
}
