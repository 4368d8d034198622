import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { invalidField, notFound } from "@/lib/errors/api-error";
import type { UpdateStageBody } from "@/lib/schemas/stage";
import { findApiOrThrow } from "@/lib/server/apis/get-api";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db, Prisma } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { lockApiStages } from "./lock-api-stages";
import { assertMayChangeProtection, assertMayChangeStage } from "./stage-access";
import { findStageOrThrow } from "./stage-row";

// Every stage change commits in one transaction (stage row and audit event);
// the caller pushes the stage to the gateways afterwards.

/** Points `to` at the deployment `from` serves, creating `to` if it does not exist. */
export async function promoteStage(
  { apiId, from, to, actor }: { apiId: string; from: string; to: string; actor: Actor },
  db: Db = prisma,
): Promise<void> {
  if (from === to) throw invalidField("to", `Promoting ${from} to itself changes nothing; name another stage, e.g. prod`);
  await inTransaction(db, async (tx) => {
    await findApiOrThrow({ apiId }, tx);
    await lockApiStages(apiId, tx);
    const source = await findStageOrThrow({ apiId, stageName: from }, tx);
    const target = await tx.stage.findUnique({ where: { apiId_name: { apiId, name: to } } });
    assertMayChangeStage(actor, target);
    if (target === null) await tx.stage.create({ data: { apiId, name: to, deploymentId: source.deploymentId } });
    else await tx.stage.update({ where: { id: target.id }, data: { deploymentId: source.deploymentId } });
    await recordEvent(
      {
        actor,
        action: "stage.promote",
        targetType: "stage",
        targetId: to,
        apiId,
        details: { from, to, deploymentId: source.deploymentId, previousDeploymentId: target?.deploymentId ?? null },
      },
      tx,
    );
  });
}

/** Points a stage at an earlier deployment of the same API. */
export async function rollbackStage(
  { apiId, stageName, deploymentId, actor }: { apiId: string; stageName: string; deploymentId: string; actor: Actor },
  db: Db = prisma,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await findApiOrThrow({ apiId }, tx);
    await lockApiStages(apiId, tx);
    const stage = await findStageOrThrow({ apiId, stageName }, tx);
    assertMayChangeStage(actor, stage);
    const deployment = await tx.deployment.findFirst({ where: { id: deploymentId, apiId }, select: { id: true } });
    if (deployment === null) {
      throw notFound(`The API ${apiId} has no deployment ${deploymentId}; pick one from GET /api/v1/apis/${apiId}/deployments`, [
        { path: "deploymentId", message: "not a deployment of this API" },
      ]);
    }
    await tx.stage.update({ where: { id: stage.id }, data: { deploymentId } });
    await recordEvent(
      {
        actor,
        action: "stage.rollback",
        targetType: "stage",
        targetId: stageName,
        apiId,
        details: { deploymentId, previousDeploymentId: stage.deploymentId },
      },
      tx,
    );
  });
}

type CanaryTarget = { apiId: string; stageName: string; actor: Actor };

/** The canary's deployment becomes the stage's deployment; the canary is cleared. */
export function promoteCanary(target: CanaryTarget, db: Db = prisma): Promise<void> {
  return endCanary(target, "promote", db);
}

/** Drops the canary: all traffic goes back to the stage's deployment. */
export function discardCanary(target: CanaryTarget, db: Db = prisma): Promise<void> {
  return endCanary(target, "discard", db);
}

/** Clears a stage's canary, first moving the stage onto the canary's deployment when promoting. */
async function endCanary({ apiId, stageName, actor }: CanaryTarget, outcome: "promote" | "discard", db: Db): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockApiStages(apiId, tx);
    const stage = await findStageOrThrow({ apiId, stageName }, tx);
    assertMayChangeStage(actor, stage);
    const canaryDeploymentId = stage.canaryDeploymentId;
    if (canaryDeploymentId === null) throw noCanary(apiId, stageName);
    const promoting = outcome === "promote";
    await tx.stage.update({
      where: { id: stage.id },
      data: {
        ...(promoting ? { deploymentId: canaryDeploymentId } : {}),
        canaryDeploymentId: null,
        canaryPercent: null,
        canaryVariables: Prisma.DbNull,
      },
    });
    await recordEvent(
      {
        actor,
        action: promoting ? "canary.promote" : "canary.discard",
        targetType: "stage",
        targetId: stageName,
        apiId,
        details: promoting
          ? { deploymentId: canaryDeploymentId, previousDeploymentId: stage.deploymentId }
          : { deploymentId: canaryDeploymentId },
      },
      tx,
    );
  });
}

function noCanary(apiId: string, stageName: string) {
  return notFound(
    `The stage ${stageName} of API ${apiId} has no canary; deploy one with POST /api/v1/apis/${apiId}/deployments and a canary field`,
  );
}

/** Stage settings: description, variables, default throttle, canary share and overrides, access-log settings. */
export async function updateStage(
  { apiId, stageName, input, actor }: { apiId: string; stageName: string; input: UpdateStageBody; actor: Actor },
  db: Db = prisma,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockApiStages(apiId, tx);
    const stage = await findStageOrThrow({ apiId, stageName }, tx);
    if (input.protected !== undefined && input.protected !== stage.protected) assertMayChangeProtection(actor);
    // Lifting the protection is the admin's change; anything else on a protected stage is checked as usual.
    assertMayChangeStage(actor, stage);
    const touchesCanary = input.canaryPercent !== undefined || input.canaryStageVariableOverrides !== undefined;
    if (touchesCanary && stage.canaryDeploymentId === null) {
      throw invalidField("canaryPercent", `The stage ${stageName} has no canary to change; deploy a canary first`);
    }
    await tx.stage.update({
      where: { id: stage.id },
      data: {
        description: input.description,
        variables: input.variables,
        ...(input.throttle === undefined
          ? {}
          : { throttleRateLimit: input.throttle?.rateLimit ?? null, throttleBurstLimit: input.throttle?.burstLimit ?? null }),
        canaryPercent: input.canaryPercent,
        canaryVariables: input.canaryStageVariableOverrides,
        protected: input.protected,
        ...(input.accessLogSettings === undefined
          ? {}
          : {
              accessLogFormat: input.accessLogSettings?.format ?? null,
              accessLogDestination: input.accessLogSettings?.destination ?? null,
            }),
      },
    });
    await recordEvent(
      {
        actor,
        action: touchesCanary ? "canary.update" : "stage.update",
        targetType: "stage",
        targetId: stageName,
        targetName: stageName,
        apiId,
        details: { changed: Object.keys(input), ...stageChanges(stage, input) },
      },
      tx,
    );
  });
}

/** Before and after of the settings a change touched (stage variables are settings, not secrets). */
function stageChanges(
  stage: {
    description: string;
    variables: unknown;
    throttleRateLimit: number | null;
    throttleBurstLimit: number | null;
    canaryPercent: number | null;
    protected: boolean;
    accessLogFormat: string | null;
    accessLogDestination: string | null;
  },
  input: UpdateStageBody,
): Prisma.InputJsonObject {
  const changes: Record<string, { before: Prisma.InputJsonValue | null; after: Prisma.InputJsonValue | null }> = {};
  if (input.description !== undefined) changes.description = { before: stage.description, after: input.description };
  if (input.variables !== undefined) changes.variables = { before: stage.variables ?? {}, after: input.variables };
  if (input.throttle !== undefined) {
    const before = stage.throttleRateLimit === null ? null : { rateLimit: stage.throttleRateLimit, burstLimit: stage.throttleBurstLimit };
    changes.throttle = { before, after: input.throttle };
  }
  if (input.canaryPercent !== undefined) changes.canaryPercent = { before: stage.canaryPercent, after: input.canaryPercent };
  if (input.protected !== undefined) changes.protected = { before: stage.protected, after: input.protected };
  if (input.accessLogSettings !== undefined) {
    const before = stage.accessLogFormat === null ? null : { format: stage.accessLogFormat, destination: stage.accessLogDestination };
    changes.accessLogSettings = { before, after: input.accessLogSettings };
  }
  return { changes };
}
