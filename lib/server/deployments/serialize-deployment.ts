import "server-only";

import { definitionSchema, type Definition } from "@/lib/deploy/compile-snapshot";
import type { DeploymentDto } from "@/lib/schemas/deployment";

export type DeploymentRow = {
  id: string;
  apiId: string;
  hash: string;
  description: string;
  createdAt: Date;
  createdBy: string;
  snapshot: unknown;
  stages?: { name: string }[];
  canaryStages?: { name: string }[];
};

/** A deployment's stored definition; written by this code base only, so a parse failure is a bug worth a 500. */
export function deploymentDefinition(row: { snapshot: unknown }): Definition {
  return definitionSchema.parse(row.snapshot);
}

export function toDeploymentDto(row: DeploymentRow): DeploymentDto {
  const routes = (row.snapshot as { routes?: unknown[] } | null)?.routes;
  return {
    id: row.id,
    apiId: row.apiId,
    hash: row.hash,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    routeCount: Array.isArray(routes) ? routes.length : 0,
    stages: (row.stages ?? []).map((stage) => stage.name).sort(),
    canaryStages: (row.canaryStages ?? []).map((stage) => stage.name).sort(),
  };
}
