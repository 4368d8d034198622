import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { usagePlanNotFound } from "./get-usage-plan";

/** Deletes a plan; its keys stay, without this plan (the gateway then refuses them on its stages). */
export async function deleteUsagePlan({ usagePlanId, actor }: { usagePlanId: string; actor: Actor }, db: Db = prisma): Promise<void> {
  await inTransaction(db, async (tx) => {
    const plan = await tx.usagePlan.findUnique({ where: { id: usagePlanId }, select: { name: true } });
    if (plan === null) throw usagePlanNotFound(usagePlanId);
    await tx.usagePlan.delete({ where: { id: usagePlanId } });
    await recordEvent(
      { actor, action: "usageplan.delete", targetType: "usagePlan", targetId: usagePlanId, apiId: null, details: { name: plan.name } },
      tx,
    );
  });
}
