import "server-only";

import { notFound } from "@/lib/errors/api-error";
import type { Api } from "@/lib/generated/prisma/client";
import type { ApiDetailDto } from "@/lib/schemas/api";
import { prisma, type Db } from "@/lib/server/db";

import { toApiDto } from "./serialize-api";

export function apiNotFound(apiId: string) {
  return notFound(`No API has the id ${apiId}; check the id (GET /api/v1/apis lists them)`);
}

/** The API row, or a 404 naming the id. */
export async function findApiOrThrow({ apiId }: { apiId: string }, db: Db = prisma): Promise<Api> {
  const api = await db.api.findUnique({ where: { id: apiId } });
  if (!api) throw apiNotFound(apiId);
  return api;
}

export async function getApiOrThrow({ apiId }: { apiId: string }, db: Db = prisma): Promise<ApiDetailDto> {
  const api = await db.api.findUnique({ where: { id: apiId }, include: { _count: { select: { resources: true } } } });
  if (!api) throw apiNotFound(apiId);
  const methodCount = await db.method.count({ where: { resource: { apiId } } });
  const { _count, ...row } = api;
  return { ...toApiDto(row), resourceCount: _count.resources, methodCount };
}
