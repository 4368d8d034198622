import "server-only";

import type { Consumers } from "@/lib/contracts";
import { compileConsumers, type ConsumersSource } from "@/lib/deploy/compile-consumers";
import { prisma, type Db } from "@/lib/server/db";
import { planQuota, planThrottle } from "@/lib/server/usage-plans/serialize-usage-plan";

/** Reads every usage plan and every key that can still be used at `now`, in the shape the consumers compiler takes. */
export async function loadConsumersSource(db: Db = prisma, now: Date = new Date()): Promise<ConsumersSource> {
  const [plans, keys] = await Promise.all([
    db.usagePlan.findMany({
      orderBy: { id: "asc" },
      include: {
        stages: {
          include: { stage: { select: { apiId: true, name: true } }, methodThrottles: true },
        },
      },
    }),
    db.apiKey.findMany({
      where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      orderBy: { id: "asc" },
      include: { usagePlans: { select: { usagePlanId: true }, orderBy: { usagePlanId: "asc" } } },
    }),
  ]);
  return {
    plans: plans.map((plan) => ({
      id: plan.id,
      name: plan.name,
      throttle: planThrottle(plan),
      quota: planQuota(plan),
      stages: plan.stages.map((planStage) => ({
        apiId: planStage.stage.apiId,
        stage: planStage.stage.name,
        methodThrottles: planStage.methodThrottles,
      })),
    })),
    keys: keys.map((key) => ({
      id: key.id,
      keyHash: key.keyHash,
      displayPrefix: key.displayPrefix,
      enabled: key.enabled,
      expiresAt: key.expiresAt,
      usagePlanIds: key.usagePlans.map((link) => link.usagePlanId),
    })),
  };
}

/** The consumers document for what is committed now (or in `db`'s transaction), hash included. */
export async function loadConsumers(db: Db = prisma, now: Date = new Date()): Promise<Consumers> {
  return compileConsumers(await loadConsumersSource(db, now));
}
