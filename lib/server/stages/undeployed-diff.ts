import "server-only";

import { UnservableDefinitionError } from "@/lib/deploy/compile-snapshot";
import { diffDefinitions } from "@/lib/deploy/diff";
import type { DefinitionDiffDto } from "@/lib/schemas/deployment";
import { prisma, type Db } from "@/lib/server/db";
import { compileCurrentDefinition } from "@/lib/server/deployments/load-api-definition";
import { deploymentDefinition } from "@/lib/server/deployments/serialize-deployment";

import { findStageOrThrow } from "./stage-row";

/** What a deploy to this stage would change; `problem` says why the current definition cannot be deployed. */
export async function stageUndeployedDiff(
  { apiId, stageName }: { apiId: string; stageName: string },
  db: Db = prisma,
): Promise<{ stage: string; deploymentId: string; diff: DefinitionDiffDto | null; problem: string | null }> {
  const stage = await findStageOrThrow({ apiId, stageName }, db);
  try {
    const current = await compileCurrentDefinition({ apiId }, db);
    return {
      stage: stageName,
      deploymentId: stage.deploymentId,
      diff: diffDefinitions(deploymentDefinition(stage.deployment), current),
      problem: null,
    };
  } catch (error) {
    if (error instanceof UnservableDefinitionError)
      return { stage: stageName, deploymentId: stage.deploymentId, diff: null, problem: error.message };
    throw error;
  }
}
