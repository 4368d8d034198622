import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import type { ApiDto, CreateApiBody } from "@/lib/schemas/api";
import { recordEvent } from "@/lib/server/audit/record-event";
import { Prisma, prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { toApiDto } from "./serialize-api";

export type CreateApiOptions = { input: CreateApiBody; actor: Actor };

/** Creates an API with its root resource "/", in one transaction. */
export async function createApi({ input, actor }: CreateApiOptions, db: Db = prisma): Promise<ApiDto> {
  return inTransaction(db, async (tx) => {
    const api = await tx.api.create({
      data: {
        name: input.name,
        description: input.description ?? "",
        version: input.version ?? null,
        cors: input.cors ?? Prisma.DbNull,
        apiKeySource: input.apiKeySource ?? "HEADER",
        binaryMediaTypes: input.binaryMediaTypes ?? [],
        resources: { create: { pathPart: "", path: "/" } },
      },
    });
    await recordEvent({ actor, action: "api.create", targetType: "api", targetId: api.id, apiId: api.id, details: { name: api.name } }, tx);
    return toApiDto(api);
  });
}
