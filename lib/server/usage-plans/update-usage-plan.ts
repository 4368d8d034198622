import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import type { UpdateUsagePlanBody, UsagePlanDto } from "@/lib/schemas/usage-plan";
import { assertPlanStagesFreeForItsKeys } from "@/lib/server/api-keys/assert-one-plan-per-stage";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { usagePlanNotFound } from "./get-usage-plan";
import { resolveApiStagesOrThrow } from "./resolve-api-stages";
import { toUsagePlanDto, usagePlanInclude } from "./serialize-usage-plan";
import { writePlanStages } from "./write-plan-stages";

export type UpdateUsagePlanOptions = { usagePlanId: string; input: UpdateUsagePlanBody; actor: Actor };

/** Changes a plan's fields; `apiStages`, when given, replaces the attached stages as a whole. */
export async function updateUsagePlan({ usagePlanId, input, actor }: UpdateUsagePlanOptions, db: Db = prisma): Promise<UsagePlanDto> {
  return inTransaction(db, async (tx) => {
    // Row lock: two edits of one plan's stages must not interleave their delete-and-insert.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "UsagePlan" WHERE id = ${usagePlanId} FOR UPDATE`;
    if (locked.length === 0) throw usagePlanNotFound(usagePlanId);
    await tx.usagePlan.update({
      where: { id: usagePlanId },
      data: {
        name: input.name,
        description: input.description,
        ...(input.throttle === undefined
          ? {}
          : { throttleRateLimit: input.throttle?.rateLimit ?? null, throttleBurstLimit: input.throttle?.burstLimit ?? null }),
        ...(input.quota === undefined ? {} : { quotaLimit: input.quota?.limit ?? null, quotaPeriod: input.quota?.period ?? null }),
      },
    });
    if (input.apiStages !== undefined) {
      const stages = await resolveApiStagesOrThrow(input.apiStages, tx);
      await assertPlanStagesFreeForItsKeys(
        usagePlanId,
        stages.map((stage) => stage.stageId),
        tx,
      );
      await writePlanStages(usagePlanId, stages, tx);
    }
    await recordEvent(
      {
        actor,
        action: "usageplan.update",
        targetType: "usagePlan",
        targetId: usagePlanId,
        apiId: null,
        details: {
          changed: Object.keys(input),
          ...(input.throttle === undefined ? {} : { throttle: input.throttle }),
          ...(input.quota === undefined ? {} : { quota: input.quota }),
          ...(input.apiStages === undefined ? {} : { apiStages: input.apiStages.map((stage) => `${stage.apiId}/${stage.stage}`) }),
        },
      },
      tx,
    );
    return toUsagePlanDto(await tx.usagePlan.findUniqueOrThrow({ where: { id: usagePlanId }, include: usagePlanInclude }));
  });
}
