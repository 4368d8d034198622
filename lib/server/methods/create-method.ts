import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { conflict } from "@/lib/errors/api-error";
import type { CreateMethodBody, MethodDto, PutMethodBody } from "@/lib/schemas/method";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db, type Tx } from "@/lib/server/db";
import { findResourceOrThrow } from "@/lib/server/resources/find-resource";
import { inTransaction } from "@/lib/server/transaction";

import { checkMethodAuthorization } from "./method-authorization";
import { checkMethodDefinition, writeIntegration } from "./method-data";
import { toMethodDto } from "./serialize-method";

type MethodDefinition = Omit<PutMethodBody, "httpMethod">;

/** The method columns for a full definition (create or replace). */
export function methodColumns(input: MethodDefinition) {
  return {
    operationName: input.operationName ?? null,
    authorizationType: input.authorizationType,
    authorizerId: input.authorizerId ?? null,
    authorizationScopes: input.authorizationScopes,
    // An API_KEY method without a key requirement would be a contradiction; default to requiring one.
    apiKeyRequired: input.apiKeyRequired ?? input.authorizationType === "API_KEY",
    requestParameters: input.requestParameters,
    requestModelId: input.requestModelId ?? null,
    requestValidator: input.requestValidator,
  };
}

export type CreateMethodOptions = { apiId: string; resourceId: string; input: CreateMethodBody; actor: Actor };

/** Writes a new method and its integration; the caller holds the transaction. */
export async function insertMethod({ apiId, resourceId, input, actor }: CreateMethodOptions, tx: Tx): Promise<MethodDto> {
  const resource = await findResourceOrThrow({ apiId, resourceId }, tx);
  const existing = await tx.method.findUnique({
    where: { resourceId_httpMethod: { resourceId, httpMethod: input.httpMethod } },
    select: { id: true },
  });
  if (existing) {
    const message = `${resource.path} already has a ${input.httpMethod} method; update it (PATCH .../methods/${input.httpMethod}) instead`;
    throw conflict(message, [{ path: "httpMethod", message }]);
  }
  await checkMethodDefinition({ apiId, resourcePath: resource.path, ...input }, tx);
  await checkMethodAuthorization({ apiId, authorizationType: input.authorizationType, authorizerId: input.authorizerId ?? null }, tx);
  const method = await tx.method.create({
    data: { resourceId, httpMethod: input.httpMethod, ...methodColumns(input) },
  });
  if (input.integration) await writeIntegration(method.id, input.integration, tx);
  await recordEvent(
    {
      actor,
      action: "method.create",
      targetType: "method",
      targetId: method.id,
      apiId,
      details: { path: resource.path, httpMethod: input.httpMethod, integration: input.integration?.type ?? null },
    },
    tx,
  );
  const created = await tx.method.findUniqueOrThrow({ where: { id: method.id }, include: { integration: true } });
  return toMethodDto(created);
}

/** Creates a method with its integration, in one transaction; 409 if the verb is taken. */
export async function createMethod(options: CreateMethodOptions, db: Db = prisma): Promise<MethodDto> {
  return inTransaction(db, (tx) => insertMethod(options, tx));
}
