import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import type { ModelDto, UpdateModelBody } from "@/lib/schemas/model";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { checkModelNameFree } from "./create-model";
import { findModelOrThrow } from "./find-model";
import { toJsonObject, toModelDto } from "./serialize-model";

/** Changes the fields present; methods refer to models by id, so a rename keeps them attached. */
export async function updateModel(
  { apiId, modelId, input, actor }: { apiId: string; modelId: string; input: UpdateModelBody; actor: Actor },
  db: Db = prisma,
): Promise<ModelDto> {
  return inTransaction(db, async (tx) => {
    await findModelOrThrow({ apiId, modelId }, tx);
    if (input.name !== undefined) await checkModelNameFree({ apiId, name: input.name, selfId: modelId }, tx);
    const model = await tx.model.update({
      where: { id: modelId },
      data: {
        name: input.name,
        description: input.description,
        contentType: input.contentType,
        schema: input.schema === undefined ? undefined : toJsonObject(input.schema),
      },
    });
    await recordEvent(
      { actor, action: "model.update", targetType: "model", targetId: modelId, apiId, details: { fields: Object.keys(input) } },
      tx,
    );
    return toModelDto(model);
  });
}
