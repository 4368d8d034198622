import "server-only";

import type { StageDto } from "@/lib/schemas/stage";
import { findApiOrThrow } from "@/lib/server/apis/get-api";
import { prisma, type Db } from "@/lib/server/db";

import { currentDefinitionHash } from "./current-hash";
import { findStageOrThrow, stageWithDeployments, toStageDto } from "./stage-row";

export async function listStages({ apiId }: { apiId: string }, db: Db = prisma): Promise<StageDto[]> {
  await findApiOrThrow({ apiId }, db);
  const [stages, currentHash] = await Promise.all([
    db.stage.findMany({ where: { apiId }, include: stageWithDeployments, orderBy: { name: "asc" } }),
    currentDefinitionHash({ apiId }, db),
  ]);
  return stages.map((stage) => toStageDto(stage, currentHash));
}

export async function getStageOrThrow({ apiId, stageName }: { apiId: string; stageName: string }, db: Db = prisma): Promise<StageDto> {
  await findApiOrThrow({ apiId }, db);
  const stage = await findStageOrThrow({ apiId, stageName }, db);
  return toStageDto(stage, await currentDefinitionHash({ apiId }, db));
}
