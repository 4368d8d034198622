import "server-only";

import { diffDefinitions } from "@/lib/deploy/diff";
import { UnservableDefinitionError } from "@/lib/deploy/compile-snapshot";
import { invalidField, notFound } from "@/lib/errors/api-error";
import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/schemas/common";
import type { DefinitionDiffDto, DeploymentDto } from "@/lib/schemas/deployment";
import { findApiOrThrow } from "@/lib/server/apis/get-api";
import { prisma, type Db } from "@/lib/server/db";
import { afterNewestFirstCursor, NEWEST_FIRST, newestFirstCursor, takePage } from "@/lib/server/pagination/cursor";

import { compileCurrentDefinition } from "./load-api-definition";
import { deploymentDefinition, toDeploymentDto } from "./serialize-deployment";

const withStages = { stages: { select: { name: true } }, canaryStages: { select: { name: true } } } as const;

/** An API's deployments, newest first. */
export async function listDeployments(
  { apiId, cursor, limit = DEFAULT_PAGE_SIZE }: { apiId: string; cursor?: string; limit?: number },
  db: Db = prisma,
): Promise<Page<DeploymentDto>> {
  await findApiOrThrow({ apiId }, db);
  const rows = await db.deployment.findMany({
    where: { AND: [{ apiId }, ...(cursor ? [afterNewestFirstCursor(cursor)] : [])] },
    include: withStages,
    orderBy: NEWEST_FIRST,
    take: limit + 1,
  });
  const page = takePage(rows, limit);
  return {
    items: page.items.map(toDeploymentDto),
    nextCursor: page.hasMore && page.last ? newestFirstCursor(page.last) : null,
  };
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
      if (error instanceof UnservableDefinitionError)
        throw invalidField("to", `${error.message}. Fix them to compare the current definition.`);
      throw error;
    }
  } else {
    target = deploymentDefinition(await findDeploymentRowOrThrow({ apiId, deploymentId: to }, db));
  }
  return diffDefinitions(deploymentDefinition(fromRow), target);
}
