import "server-only";

import { diffDefinitions } from "@/lib/deploy/diff";
import { UnservableDefinitionError } from "@/lib/deploy/compile-snapshot";
import { invalidField, notFound } from "@/lib/errors/api-error";
import type { DefinitionDiffDto, DeploymentDto } from "@/lib/schemas/deployment";
import { findApiOrThrow } from "@/lib/server/apis/get-api";
import { prisma, type Db } from "@/lib/server/db";

import { compileCurrentDefinition } from "./load-api-definition";
import { deploymentDefinition, toDeploymentDto } from "./serialize-deployment";

/** The history shown on the stages page is bounded; older deployments stay reachable by id. */
const HISTORY_LIMIT = 200;

const withStages = { stages: { select: { name: true } }, canaryStages: { select: { name: true } } } as const;

export async function listDeployments({ apiId }: { apiId: string }, db: Db = prisma): Promise<DeploymentDto[]> {
  await findApiOrThrow({ apiId }, db);
  const rows = await db.deployment.findMany({
    where: { apiId },
    include: withStages,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: HISTORY_LIMIT,
  });
  return rows.map(toDeploymentDto);
}

async function findDeploymentRowOrThrow({ apiId, deploymentId }: { apiId: string; deploymentId: string }, db: Db) {
  const row = await db.deployment.findFirst({ where: { id: deploymentId, apiId }, include: withStages });
  if (!row) throw notFound(`The API ${apiId} has no deployment ${deploymentId}; GET /api/v1/apis/${apiId}/deployments lists them`);
  return row;
}

export async function getDeploymentOrThrow({ apiId, deploymentId }: { apiId: string; deploymentId: string }, db: Db = prisma) {
  const row = await findDeploymentRowOrThrow({ apiId, deploymentId }, db);
  return { ...toDeploymentDto(row), definition: deploymentDefinition(row) };
}

/** Diff from one deployment to another, or to the API's current definition (`to: "current"`). */
export async function diffDeployments(
  { apiId, from, to }: { apiId: string; from: string; to: string },
  db: Db = prisma,
): Promise<DefinitionDiffDto> {
  const fromRow = await findDeploymentRowOrThrow({ apiId, deploymentId: from }, db);
  let target;
  if (to === "current") {
    try {
      target = await compileCurrentDefinition({ apiId }, db);
    } catch (error) {
      if (error instanceof UnservableDefinitionError) throw invalidField("to", `${error.message}. Fix them to compare the current definition.`);
      throw error;
    }
  } else {
    target = deploymentDefinition(await findDeploymentRowOrThrow({ apiId, deploymentId: to }, db));
  }
  return diffDefinitions(deploymentDefinition(fromRow), target);
}
