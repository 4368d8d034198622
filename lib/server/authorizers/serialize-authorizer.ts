import "server-only";

import type { Authorizer } from "@/lib/generated/prisma/client";
import { authorizerDefinitionOf, type AuthorizerDto } from "@/lib/schemas/authorizer";

export function toAuthorizerDto(row: Authorizer & { _count?: { methods: number } }): AuthorizerDto {
  let definition: Record<string, unknown>;
  try {
    definition = authorizerDefinitionOf(row);
  } catch {
    // Stored by an older release under rules since tightened: show what is there, so it can be fixed.
    definition = { ...(row.config as Record<string, unknown>), name: row.name, type: row.type, identitySource: row.identitySource };
  }
  return {
    id: row.id,
    apiId: row.apiId,
    name: row.name,
    type: row.type,
    definition,
    methodCount: row._count?.methods ?? 0,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
