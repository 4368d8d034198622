import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { conflict } from "@/lib/errors/api-error";
import type { MethodDto, UpdateMethodBody } from "@/lib/schemas/method";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { findMethodOrThrow, type MethodAddress } from "./find-method";
import { checkMethodAuthorization, usesAuthorizer } from "./method-authorization";
import { checkMethodDefinition, writeIntegration } from "./method-data";
import { toMethodDto } from "./serialize-method";

export type UpdateMethodOptions = MethodAddress & { input: UpdateMethodBody; actor: Actor };

/**
 * Changes the fields present in `input`. `integration` replaces the whole
 * integration (null removes it); `httpMethod` moves the method to another verb.
 */
export async function updateMethod({ input, actor, ...address }: UpdateMethodOptions, db: Db = prisma): Promise<MethodDto> {
  return inTransaction(db, async (tx) => {
    const method = await findMethodOrThrow(address, tx);
    const { apiId } = address;
    const resourcePath = method.resource.path;
    if (input.httpMethod && input.httpMethod !== method.httpMethod) {
      const taken = await tx.method.findUnique({
        where: { resourceId_httpMethod: { resourceId: method.resourceId, httpMethod: input.httpMethod } },
        select: { id: true },
      });
      if (taken) {
        const message = `${resourcePath} already has a ${input.httpMethod} method; delete it first or pick another verb`;
        throw conflict(message, [{ path: "httpMethod", message }]);
      }
    }
    await checkMethodDefinition(
      {
        apiId,
        resourcePath,
        requestParameters: input.requestParameters,
        requestModelId: input.requestModelId,
        integration: input.integration,
      },
      tx,
    );
    const authorizationType = input.authorizationType ?? method.authorizationType;
    // Leaving authorizer-based authorization drops the authorizer; changing to it needs one.
    const authorizerId =
      input.authorizerId !== undefined
        ? input.authorizerId
        : input.authorizationType !== undefined && !usesAuthorizer(authorizationType)
          ? null
          : method.authorizerId;
    if (input.authorizationType !== undefined || input.authorizerId !== undefined) {
      await checkMethodAuthorization({ apiId, authorizationType, authorizerId }, tx);
    }
    const apiKeyRequired =
      input.apiKeyRequired ?? (input.authorizationType !== undefined ? input.authorizationType === "API_KEY" : undefined);
    await tx.method.update({
      where: { id: method.id },
      data: {
        httpMethod: input.httpMethod,
        operationName: input.operationName,
        authorizationType: input.authorizationType === undefined ? undefined : authorizationType,
        authorizerId,
        authorizationScopes: input.authorizationScopes,
        apiKeyRequired,
        requestParameters: input.requestParameters,
        requestModelId: input.requestModelId,
        requestValidator: input.requestValidator,
        // Validation chosen in the console is no longer the named validator an import set.
        ...(input.requestValidator !== undefined && input.requestValidator !== method.requestValidator
          ? { requestValidatorName: null }
          : {}),
      },
    });
    if (input.integration !== undefined) await writeIntegration(method.id, input.integration, tx);
    await recordEvent(
      {
        actor,
        action: "method.update",
        targetType: "method",
        targetId: method.id,
        apiId,
        details: { path: resourcePath, httpMethod: input.httpMethod ?? method.httpMethod, fields: Object.keys(input) },
      },
      tx,
    );
    const updated = await tx.method.findUniqueOrThrow({ where: { id: method.id }, include: { integration: true } });
    return toMethodDto(updated);
  });
}
