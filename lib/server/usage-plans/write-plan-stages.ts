import "server-only";

import type { Tx } from "@/lib/server/db";

import type { ResolvedApiStage } from "./resolve-api-stages";

/** Replaces a plan's attached stages and their method throttles with `stages`. */
export async function writePlanStages(usagePlanId: string, stages: ResolvedApiStage[], tx: Tx): Promise<void> {
  await tx.usagePlanStage.deleteMany({ where: { usagePlanId } });
  for (const stage of stages) {
    await tx.usagePlanStage.create({
      data: {
        usagePlanId,
        stageId: stage.stageId,
        methodThrottles: {
          create: stage.methodThrottles.map((throttle) => ({
            resourcePath: throttle.path,
            httpMethod: throttle.method,
            rateLimit: throttle.rateLimit,
            burstLimit: throttle.burstLimit,
          })),
        },
      },
    });
  }
}
