import "server-only";

import { notFound } from "@/lib/errors/api-error";
import type { Model } from "@/lib/generated/prisma/client";
import type { ModelDto } from "@/lib/schemas/model";
import { findApiOrThrow } from "@/lib/server/apis/get-api";
import { prisma, type Db } from "@/lib/server/db";

import { toModelDto } from "./serialize-model";

export async function findModelOrThrow({ apiId, modelId }: { apiId: string; modelId: string }, db: Db = prisma): Promise<Model> {
  const model = await db.model.findFirst({ where: { id: modelId, apiId } });
  if (!model) {
    await findApiOrThrow({ apiId }, db);
    throw notFound(`The API ${apiId} has no model with the id ${modelId}; list its models to find the right id`);
  }
  return model;
}

export async function getModelOrThrow(address: { apiId: string; modelId: string }, db: Db = prisma): Promise<ModelDto> {
  return toModelDto(await findModelOrThrow(address, db));
}
