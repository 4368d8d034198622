import "server-only";

import type { NodePushResult, PushOptions } from "@/lib/deploy/push";
import type { NodePushResultDto } from "@/lib/schemas/deployment";
import { prisma, type Db } from "@/lib/server/db";
import { pushToGatewayNodes } from "@/lib/server/nodes/push-to-gateway-nodes";

import { findStageOrThrow, stageSnapshot } from "./stage-row";

export function toNodeResultDto(result: NodePushResult): NodePushResultDto {
  return {
    id: result.nodeId,
    name: result.name,
    adminUrl: result.adminUrl,
    status: result.status,
    hash: result.hash,
    ms: result.ms,
    ...(result.error === undefined ? {} : { error: result.error }),
  };
}

/**
 * Pushes a stage as it is stored now to every gateway node. Called after the
 * transaction that changed the stage has committed, so a node never serves
 * something the database does not say.
 */
export async function pushStage(
  { apiId, stageName }: { apiId: string; stageName: string },
  options: PushOptions = {},
  db: Db = prisma,
): Promise<NodePushResultDto[]> {
  const stage = await findStageOrThrow({ apiId, stageName }, db);
  const results = await pushToGatewayNodes({ kind: "stage", apiId, stage: stageName, snapshot: stageSnapshot(stage) }, options);
  return results.map(toNodeResultDto);
}
