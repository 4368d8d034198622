import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import type { ApiDto, UpdateApiBody } from "@/lib/schemas/api";
import { recordEvent } from "@/lib/server/audit/record-event";
import { Prisma, prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { findApiOrThrow } from "./get-api";
import { toApiDto } from "./serialize-api";

export type UpdateApiOptions = { apiId: string; input: UpdateApiBody; actor: Actor };

/** Changes the fields present in `input`; the others keep their values. */
export async function updateApi({ apiId, input, actor }: UpdateApiOptions, db: Db = prisma): Promise<ApiDto> {
  return inTransaction(db, async (tx) => {
    await findApiOrThrow({ apiId }, tx);
    const api = await tx.api.update({
      where: { id: apiId },
      data: {
        name: input.name,
        description: input.description,
        version: input.version,
        cors: input.cors === undefined ? undefined : (input.cors ?? Prisma.DbNull),
        apiKeySource: input.apiKeySource,
        binaryMediaTypes: input.binaryMediaTypes,
        gatewayResponses:
          input.gatewayResponses === undefined
            ? undefined
            : input.gatewayResponses === null || Object.keys(input.gatewayResponses).length === 0
              ? Prisma.DbNull
              : (input.gatewayResponses as Prisma.InputJsonObject),
      },
    });
    await recordEvent(
      { actor, action: "api.update", targetType: "api", targetId: apiId, apiId, details: { fields: Object.keys(input) } },
      tx,
    );
    return toApiDto(api);
  });
}
