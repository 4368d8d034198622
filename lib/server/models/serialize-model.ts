import "server-only";

import type { Model, Prisma } from "@/lib/generated/prisma/client";
import type { ModelDto } from "@/lib/schemas/model";

export function toModelDto(model: Model): ModelDto {
  const schema = model.schema;
  return {
    id: model.id,
    apiId: model.apiId,
    name: model.name,
    description: model.description,
    contentType: model.contentType,
    schema: typeof schema === "object" && schema !== null && !Array.isArray(schema) ? schema : {},
    createdAt: model.createdAt.toISOString(),
    updatedAt: model.updatedAt.toISOString(),
  };
}

/** A schema parsed from a JSON request body holds only JSON values, whatever its static type says. */
export function toJsonObject(schema: Record<string, unknown>): Prisma.InputJsonObject {
  return schema as Prisma.InputJsonObject;
}
