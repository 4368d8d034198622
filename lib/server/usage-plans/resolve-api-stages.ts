import "server-only";

import { ApiError } from "@/lib/errors/api-error";
import type { ApiStageRef } from "@/lib/schemas/usage-plan";
import type { Db } from "@/lib/server/db";

export type ResolvedApiStage = ApiStageRef & { stageId: string };

/**
 * Finds the Stage row of each `{apiId, stage}`. A plan can only cover a
 * stage that exists (stages appear on an API's first deployment), so every
 * missing one is named in one 422.
 */
export async function resolveApiStagesOrThrow(apiStages: ApiStageRef[], db: Db): Promise<ResolvedApiStage[]> {
  if (apiStages.length === 0) return [];
  const rows = await db.stage.findMany({
    where: { OR: apiStages.map((ref) => ({ apiId: ref.apiId, name: ref.stage })) },
    select: { id: true, apiId: true, name: true },
  });
  const byKey = new Map(rows.map((row) => [`${row.apiId}/${row.name}`, row.id]));
  const details: { path: string; message: string }[] = [];
  const resolved: ResolvedApiStage[] = [];
  apiStages.forEach((ref, index) => {
    const stageId = byKey.get(`${ref.apiId}/${ref.stage}`);
    if (stageId === undefined) {
      details.push({
        path: `apiStages.${index}`,
        message: `API '${ref.apiId}' has no stage '${ref.stage}': deploy the API to that stage first, or pick an existing stage`,
      });
    } else {
      resolved.push({ ...ref, stageId });
    }
  });
  if (details.length > 0) {
    throw new ApiError("validation_failed", details.map((detail) => detail.message).join("; "), details);
  }
  return resolved;
}
