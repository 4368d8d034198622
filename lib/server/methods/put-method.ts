import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { invalidField } from "@/lib/errors/api-error";
import type { HttpMethod, MethodDto, PutMethodBody } from "@/lib/schemas/method";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { findResourceOrThrow } from "@/lib/server/resources/find-resource";
import { inTransaction } from "@/lib/server/transaction";

import { insertMethod, methodColumns } from "./create-method";
import { checkMethodDefinition, writeIntegration } from "./method-data";
import { toMethodDto } from "./serialize-method";

export type PutMethodOptions = {
  apiId: string;
  resourceId: string;
  httpMethod: HttpMethod;
  input: PutMethodBody;
  actor: Actor;
};

/** Creates the method, or replaces every field of an existing one (AWS's PutMethod). */
export async function putMethod(
  { apiId, resourceId, httpMethod, input, actor }: PutMethodOptions,
  db: Db = prisma,
): Promise<{ method: MethodDto; created: boolean }> {
  if (input.httpMethod !== undefined && input.httpMethod !== httpMethod) {
    throw invalidField(
      "httpMethod",
      `The body says ${input.httpMethod} but the URL says ${httpMethod}; they must agree (or leave httpMethod out)`,
    );
  }
  return inTransaction(db, async (tx) => {
    const resource = await findResourceOrThrow({ apiId, resourceId }, tx);
    const existing = await tx.method.findUnique({ where: { resourceId_httpMethod: { resourceId, httpMethod } } });
    if (!existing) {
      const method = await insertMethod({ apiId, resourceId, input: { ...input, httpMethod }, actor }, tx);
      return { method, created: true };
    }
    await checkMethodDefinition({ apiId, resourcePath: resource.path, ...input }, tx);
    await tx.method.update({ where: { id: existing.id }, data: methodColumns(input) });
    await writeIntegration(existing.id, input.integration ?? null, tx);
    await recordEvent(
      {
        actor,
        action: "method.update",
        targetType: "method",
        targetId: existing.id,
        apiId,
        details: { path: resource.path, httpMethod, replaced: true },
      },
      tx,
    );
    const method = await tx.method.findUniqueOrThrow({ where: { id: existing.id }, include: { integration: true } });
    return { method: toMethodDto(method), created: false };
  });
}
