import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { hashDefinition, UnservableDefinitionError } from "@/lib/deploy/compile-snapshot";
import { ApiError } from "@/lib/errors/api-error";
import type { CreateDeploymentBody, DeploymentDto } from "@/lib/schemas/deployment";
import { findApiOrThrow } from "@/lib/server/apis/get-api";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db, type Prisma } from "@/lib/server/db";
import { lockApiStages } from "@/lib/server/stages/lock-api-stages";
import { assertMayChangeStage } from "@/lib/server/stages/stage-access";
import { inTransaction } from "@/lib/server/transaction";

import { compileCurrentDefinition } from "./load-api-definition";
import { toDeploymentDto } from "./serialize-deployment";

function unservable(error: UnservableDefinitionError): ApiError {
  return new ApiError(
    "validation_failed",
    `${error.message}. Fix these methods, then deploy again; the stages keep serving their current deployment.`,
    error.methods.map((method) => ({ path: `${method.method} ${method.path}`, message: method.reason })),
  );
}

/**
 * Compiles the API as it is now into an immutable deployment and points the
 * stage at it (creating the stage on its first deploy), or at its canary
 * when `canary` is given. Pushing to the gateways is the caller's next step,
 * after this transaction commits.
 */
export async function createDeployment(
  { apiId, input, actor }: { apiId: string; input: CreateDeploymentBody; actor: Actor },
  db: Db = prisma,
): Promise<DeploymentDto> {
  return inTransaction(db, async (tx) => {
    await findApiOrThrow({ apiId }, tx);
    await lockApiStages(apiId, tx);
    let definition;
    try {
      definition = await compileCurrentDefinition({ apiId }, tx);
    } catch (error) {
      if (error instanceof UnservableDefinitionError) throw unservable(error);
      throw error;
    }
    const hash = hashDefinition(definition);
    const existing = await tx.stage.findUnique({ where: { apiId_name: { apiId, name: input.stageName } } });
    assertMayChangeStage(actor, existing);
    if (input.canary !== undefined && existing === null) {
      throw new ApiError(
        "validation_failed",
        `The stage ${input.stageName} does not exist yet, so it has no traffic to share with a canary; deploy to it without a canary first`,
        [{ path: "canary", message: "the stage must exist before it can have a canary" }],
      );
    }
    const deployment = await tx.deployment.create({
      data: {
        apiId,
        snapshot: definition as unknown as Prisma.InputJsonObject,
        hash,
        description: input.description,
        createdBy: actor.name,
      },
    });
    if (input.canary !== undefined) {
      await tx.stage.update({
        where: { apiId_name: { apiId, name: input.stageName } },
        data: {
          canaryDeploymentId: deployment.id,
          canaryPercent: input.canary.percent,
          canaryVariables: input.canary.stageVariableOverrides,
        },
      });
    } else if (existing === null) {
      await tx.stage.create({ data: { apiId, name: input.stageName, deploymentId: deployment.id } });
    } else {
      await tx.stage.update({ where: { id: existing.id }, data: { deploymentId: deployment.id } });
    }
    await recordEvent(
      {
        actor,
        action: input.canary !== undefined ? "canary.create" : "deployment.create",
        targetType: "deployment",
        targetId: deployment.id,
        apiId,
        details: {
          stage: input.stageName,
          hash,
          description: input.description,
          previousDeploymentId: existing?.deploymentId ?? null,
          ...(input.canary !== undefined ? { canaryPercent: input.canary.percent } : {}),
        },
      },
      tx,
    );
    const stages = input.canary === undefined ? [{ name: input.stageName }] : [];
    const canaryStages = input.canary === undefined ? [] : [{ name: input.stageName }];
    return toDeploymentDto({ ...deployment, stages, canaryStages });
  });
}
