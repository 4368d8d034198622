import "server-only";

import type { Api } from "@/lib/generated/prisma/client";
import type { ApiDto, CorsPolicy } from "@/lib/schemas/api";

export function toApiDto(api: Api): ApiDto {
  return {
    id: api.id,
    name: api.name,
    description: api.description,
    version: api.version,
    // Written only through CorsPolicySchema (or the importer, which uses the same shape).
    cors: (api.cors ?? null) as CorsPolicy | null,
    apiKeySource: api.apiKeySource,
    binaryMediaTypes: api.binaryMediaTypes,
    gatewayResponses:
      api.gatewayResponses !== null && typeof api.gatewayResponses === "object" && !Array.isArray(api.gatewayResponses)
        ? api.gatewayResponses
        : null,
    createdAt: api.createdAt.toISOString(),
    updatedAt: api.updatedAt.toISOString(),
  };
}
