import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { conflict } from "@/lib/errors/api-error";
import type { CreateModelBody, ModelDto } from "@/lib/schemas/model";
import { findApiOrThrow } from "@/lib/server/apis/get-api";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db, type Tx } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { toJsonObject, toModelDto } from "./serialize-model";

export async function checkModelNameFree({ apiId, name, selfId }: { apiId: string; name: string; selfId?: string }, tx: Tx): Promise<void> {
  const taken = await tx.model.findFirst({ where: { apiId, name, id: selfId ? { not: selfId } : undefined }, select: { id: true } });
  if (taken) {
    const message = `The API already has a model named ${name}; choose another name`;
    throw conflict(message, [{ path: "name", message }]);
  }
}

export async function createModel(
  { apiId, input, actor }: { apiId: string; input: CreateModelBody; actor: Actor },
  db: Db = prisma,
): Promise<ModelDto> {
  return inTransaction(db, async (tx) => {
    await findApiOrThrow({ apiId }, tx);
    await checkModelNameFree({ apiId, name: input.name }, tx);
    const model = await tx.model.create({
      data: {
        apiId,
        name: input.name,
        description: input.description ?? "",
        contentType: input.contentType ?? "application/json",
        schema: toJsonObject(input.schema),
      },
    });
    await recordEvent({ actor, action: "model.create", targetType: "model", targetId: model.id, apiId, details: { name: model.name } }, tx);
    return toModelDto(model);
  });
}
