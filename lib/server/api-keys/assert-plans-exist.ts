import "server-only";

import { ApiError } from "@/lib/errors/api-error";
import type { Db } from "@/lib/server/db";

/** 422 naming each usage plan id that does not exist. */
export async function assertPlansExist(usagePlanIds: string[], db: Db, field = "usagePlanIds"): Promise<void> {
  if (usagePlanIds.length === 0) return;
  const found = await db.usagePlan.findMany({ where: { id: { in: usagePlanIds } }, select: { id: true } });
  const known = new Set(found.map((plan) => plan.id));
  const details = usagePlanIds.flatMap((id, index) =>
    known.has(id) ? [] : [{ path: `${field}.${index}`, message: `usage plan '${id}' does not exist` }],
  );
  if (details.length > 0) {
    throw new ApiError(
      "validation_failed",
      `${details.map((detail) => detail.message).join("; ")}: pick plans from GET /api/v1/usage-plans`,
      details,
    );
  }
}
