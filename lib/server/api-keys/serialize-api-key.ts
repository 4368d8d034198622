import "server-only";

import type { Prisma } from "@/lib/generated/prisma/client";
import type { ApiKeyDto, ApiKeyStatus } from "@/lib/schemas/api-key";

/** What every key read selects; never the hash, which has no business leaving the database. */
export const apiKeySelect = {
  id: true,
  name: true,
  description: true,
  customerId: true,
  displayPrefix: true,
  enabled: true,
  revokedAt: true,
  expiresAt: true,
  rotatedFromId: true,
  rotatedTo: { select: { id: true } },
  createdAt: true,
  updatedAt: true,
  usagePlans: { select: { usagePlan: { select: { id: true, name: true } } }, orderBy: { usagePlan: { name: "asc" } } },
} satisfies Prisma.ApiKeySelect;

export type ApiKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof apiKeySelect }>;

export function apiKeyStatus(key: Pick<ApiKeyRow, "enabled" | "revokedAt" | "expiresAt">, now = new Date()): ApiKeyStatus {
  if (key.revokedAt !== null) return "revoked";
  if (key.expiresAt !== null) return key.expiresAt <= now ? "expired" : "expiring";
  return key.enabled ? "enabled" : "disabled";
}

export function toApiKeyDto(key: ApiKeyRow, now = new Date()): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    description: key.description,
    customerId: key.customerId,
    displayPrefix: key.displayPrefix,
    enabled: key.enabled,
    status: apiKeyStatus(key, now),
    revokedAt: key.revokedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    rotatedFromId: key.rotatedFromId,
    rotatedToId: key.rotatedTo?.id ?? null,
    usagePlans: key.usagePlans.map((link) => link.usagePlan),
    createdAt: key.createdAt.toISOString(),
    updatedAt: key.updatedAt.toISOString(),
  };
}
