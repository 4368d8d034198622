import "server-only";

import { notFound } from "@/lib/errors/api-error";
import type { ApiKeyDto } from "@/lib/schemas/api-key";
import { prisma, type Db } from "@/lib/server/db";

import { apiKeySelect, toApiKeyDto } from "./serialize-api-key";

export function apiKeyNotFound(apiKeyId: string) {
  return notFound(`API key '${apiKeyId}' does not exist; list keys with GET /api/v1/api-keys`);
}

export async function getApiKeyOrThrow({ apiKeyId }: { apiKeyId: string }, db: Db = prisma): Promise<ApiKeyDto> {
  const key = await db.apiKey.findUnique({ where: { id: apiKeyId }, select: apiKeySelect });
  if (key === null) throw apiKeyNotFound(apiKeyId);
  return toApiKeyDto(key);
}
