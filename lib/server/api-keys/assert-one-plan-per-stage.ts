import "server-only";

import { conflict } from "@/lib/errors/api-error";
import type { Db } from "@/lib/server/db";

type PlanStages = { id: string; name: string; stages: { stage: { apiId: string; name: string } }[] };

function firstOverlap(plans: PlanStages[]): { stage: string; first: string; second: string } | null {
  const owner = new Map<string, string>();
  for (const plan of plans) {
    for (const { stage } of plan.stages) {
      const key = `${stage.apiId}/${stage.name}`;
      const other = owner.get(key);
      if (other !== undefined && other !== plan.name) return { stage: key, first: other, second: plan.name };
      owner.set(key, plan.name);
    }
  }
  return null;
}

function overlapError(overlap: { stage: string; first: string; second: string }, who: string) {
  return conflict(
    `${who} would be in usage plans '${overlap.first}' and '${overlap.second}', which both cover ${overlap.stage}. ` +
      "A key may be in one plan per API stage, so that one throttle and quota apply: pick one of the plans.",
  );
}

/**
 * As in API Gateway, a key belongs to at most one plan per API stage. This
 * checks the plans about to be given to a key (409 naming both plans).
 */
export async function assertPlansDoNotOverlap(usagePlanIds: string[], db: Db, who = "The key"): Promise<void> {
  if (usagePlanIds.length < 2) return;
  const plans = await db.usagePlan.findMany({
    where: { id: { in: usagePlanIds } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, stages: { select: { stage: { select: { apiId: true, name: true } } } } },
  });
  const overlap = firstOverlap(plans);
  if (overlap !== null) throw overlapError(overlap, who);
}

/**
 * The same rule seen from a plan whose stages change: no key of the plan may
 * already be in another plan covering one of the new stages.
 */
export async function assertPlanStagesFreeForItsKeys(usagePlanId: string, stageIds: string[], db: Db): Promise<void> {
  if (stageIds.length === 0) return;
  const clash = await db.usagePlanStage.findFirst({
    where: {
      stageId: { in: stageIds },
      usagePlanId: { not: usagePlanId },
      usagePlan: { keys: { some: { apiKey: { revokedAt: null, usagePlans: { some: { usagePlanId } } } } } },
    },
    select: { stage: { select: { apiId: true, name: true } }, usagePlan: { select: { name: true } } },
  });
  if (clash === null) return;
  const key = await db.apiKey.findFirst({
    where: {
      revokedAt: null,
      AND: [{ usagePlans: { some: { usagePlanId } } }, { usagePlans: { some: { usagePlan: { name: clash.usagePlan.name } } } }],
    },
    select: { name: true },
  });
  throw conflict(
    `Key '${key?.name ?? "?"}' of this plan is also in usage plan '${clash.usagePlan.name}', which covers ` +
      `${clash.stage.apiId}/${clash.stage.name}. A key may be in one plan per API stage: ` +
      "remove the key from one of the plans, or leave that stage out of this plan.",
  );
}
