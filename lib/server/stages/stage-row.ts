import "server-only";

import { z } from "zod";

import { buildStageSnapshot, type Definition } from "@/lib/deploy/compile-snapshot";
import type { AccessLogSettings, Snapshot } from "@/lib/contracts";
import { env } from "@/lib/env";
import { notFound } from "@/lib/errors/api-error";
import type { StageDto } from "@/lib/schemas/stage";
import { prisma, type Db } from "@/lib/server/db";
import { deploymentDefinition } from "@/lib/server/deployments/serialize-deployment";

/** What every stage read selects: the stage with both deployments it may point at. */
export const stageWithDeployments = {
  deployment: { select: { id: true, hash: true, snapshot: true, createdAt: true } },
  canaryDeployment: { select: { id: true, hash: true, snapshot: true, createdAt: true } },
} as const;

type DeploymentRef = { id: string; hash: string; snapshot: unknown; createdAt: Date };

export type StageRow = {
  id: string;
  apiId: string;
  name: string;
  description: string;
  deploymentId: string;
  variables: unknown;
  throttleRateLimit: number | null;
  throttleBurstLimit: number | null;
  canaryDeploymentId: string | null;
  canaryPercent: number | null;
  canaryVariables: unknown;
  protected: boolean;
  accessLogFormat: string | null;
  accessLogDestination: string | null;
  createdAt: Date;
  updatedAt: Date;
  deployment: DeploymentRef;
  canaryDeployment: DeploymentRef | null;
};

const variablesSchema = z.record(z.string(), z.string()).catch({});

export function stageNotFound(apiId: string, stageName: string) {
  return notFound(`The API ${apiId} has no stage named ${stageName}; deploy to it first (POST /api/v1/apis/${apiId}/deployments)`);
}

export async function findStageOrThrow({ apiId, stageName }: { apiId: string; stageName: string }, db: Db = prisma): Promise<StageRow> {
  const stage = await db.stage.findUnique({ where: { apiId_name: { apiId, name: stageName } }, include: stageWithDeployments });
  if (!stage) throw stageNotFound(apiId, stageName);
  return stage;
}

export function invokeUrl(apiId: string, stageName: string): string {
  return `${env.PUBLIC_GATEWAY_URL}/${apiId}/${stageName}`;
}

/** The stage's access-log settings, null when logging is off. */
function accessLogSettingsOf(stage: Pick<StageRow, "accessLogFormat" | "accessLogDestination">): AccessLogSettings | null {
  if (stage.accessLogFormat === null) return null;
  const destination =
    stage.accessLogDestination === "stdout" || stage.accessLogDestination === "file" ? stage.accessLogDestination : undefined;
  return destination === undefined ? { format: stage.accessLogFormat } : { format: stage.accessLogFormat, destination };
}

/** The snapshot a gateway should serve for this stage now. */
export function stageSnapshot(stage: StageRow): Snapshot {
  const canary =
    stage.canaryDeployment === null
      ? null
      : {
          percent: stage.canaryPercent ?? 0,
          deploymentId: stage.canaryDeployment.id,
          definition: deploymentDefinition(stage.canaryDeployment),
          stageVariableOverrides: variablesSchema.parse(stage.canaryVariables ?? {}),
        };
  return buildStageSnapshot({
    definition: deploymentDefinition(stage.deployment),
    deploymentId: stage.deployment.id,
    deployedAt: stage.deployment.createdAt,
    stage: {
      name: stage.name,
      variables: variablesSchema.parse(stage.variables),
      throttle:
        stage.throttleRateLimit !== null && stage.throttleBurstLimit !== null
          ? { rateLimit: stage.throttleRateLimit, burstLimit: stage.throttleBurstLimit }
          : null,
      accessLogSettings: accessLogSettingsOf(stage),
    },
    canary,
  });
}

/** `currentHash`: the hash of the API's current definition, or null when it cannot be compiled. */
export function toStageDto(stage: StageRow, currentHash: string | null | undefined): StageDto {
  return {
    name: stage.name,
    apiId: stage.apiId,
    description: stage.description,
    deploymentId: stage.deploymentId,
    deploymentHash: stage.deployment.hash,
    variables: variablesSchema.parse(stage.variables),
    throttle:
      stage.throttleRateLimit !== null && stage.throttleBurstLimit !== null
        ? { rateLimit: stage.throttleRateLimit, burstLimit: stage.throttleBurstLimit }
        : null,
    canary:
      stage.canaryDeployment === null
        ? null
        : {
            deploymentId: stage.canaryDeployment.id,
            deploymentHash: stage.canaryDeployment.hash,
            percent: stage.canaryPercent ?? 0,
            stageVariableOverrides: variablesSchema.parse(stage.canaryVariables ?? {}),
          },
    invokeUrl: invokeUrl(stage.apiId, stage.name),
    protected: stage.protected,
    accessLogSettings: accessLogSettingsOf(stage),
    undeployedChanges: currentHash === undefined || currentHash === null ? null : currentHash !== stage.deployment.hash,
    createdAt: stage.createdAt.toISOString(),
    updatedAt: stage.updatedAt.toISOString(),
  };
}

export type { Definition };
