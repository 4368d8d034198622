import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { conflict } from "@/lib/errors/api-error";
import { authorizerColumns, type AuthorizerBody, type AuthorizerDto } from "@/lib/schemas/authorizer";
import { AUTHORIZER_TYPES_FOR_AUTHORIZATION } from "@/lib/schemas/method";
import { findApiOrThrow } from "@/lib/server/apis/get-api";
import { recordEvent } from "@/lib/server/audit/record-event";
import { Prisma, prisma, type Db, type Tx } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { findAuthorizerOrThrow, type AuthorizerAddress } from "./find-authorizer";
import { toAuthorizerDto } from "./serialize-authorizer";

const MAX_AUTHORIZERS = 100;

async function checkNameFree({ apiId, name, selfId }: { apiId: string; name: string; selfId?: string }, tx: Tx): Promise<void> {
  const taken = await tx.authorizer.findFirst({ where: { apiId, name, id: selfId ? { not: selfId } : undefined }, select: { id: true } });
  if (taken) {
    const message = `The API already has an authorizer named ${name}; choose another name`;
    throw conflict(message, [{ path: "name", message }]);
  }
}

function data(input: AuthorizerBody) {
  const columns = authorizerColumns(input);
  return {
    name: columns.name,
    type: columns.type,
    identitySource: columns.identitySource,
    config: columns.config as Prisma.InputJsonObject,
  };
}

export async function createAuthorizer(
  { apiId, input, actor }: { apiId: string; input: AuthorizerBody; actor: Actor },
  db: Db = prisma,
): Promise<AuthorizerDto> {
  return inTransaction(db, async (tx) => {
    await findApiOrThrow({ apiId }, tx);
    await checkNameFree({ apiId, name: input.name }, tx);
    if ((await tx.authorizer.count({ where: { apiId } })) >= MAX_AUTHORIZERS) {
      throw conflict(`An API has at most ${MAX_AUTHORIZERS} authorizers; delete one it no longer uses first`);
    }
    const authorizer = await tx.authorizer.create({ data: { apiId, ...data(input) }, include: { _count: { select: { methods: true } } } });
    await recordEvent(
      {
        actor,
        action: "authorizer.create",
        targetType: "authorizer",
        targetId: authorizer.id,
        apiId,
        details: { name: authorizer.name, type: authorizer.type },
      },
      tx,
    );
    return toAuthorizerDto(authorizer);
  });
}

/**
 * Replaces an authorizer's definition. Its type may change only to one that
 * every method using it still accepts (a JWT method cannot be left with a
 * Lambda authorizer).
 */
export async function replaceAuthorizer(
  { input, actor, ...address }: AuthorizerAddress & { input: AuthorizerBody; actor: Actor },
  db: Db = prisma,
): Promise<AuthorizerDto> {
  return inTransaction(db, async (tx) => {
    const existing = await findAuthorizerOrThrow(address, tx);
    await checkNameFree({ apiId: address.apiId, name: input.name, selfId: existing.id }, tx);
    if (input.type !== existing.type) {
      const users = await tx.method.findMany({
        where: { authorizerId: existing.id },
        select: { httpMethod: true, authorizationType: true, resource: { select: { path: true } } },
      });
      const stranded = users.filter(
        (method) => !(AUTHORIZER_TYPES_FOR_AUTHORIZATION[method.authorizationType] as readonly string[]).includes(input.type),
      );
      if (stranded.length > 0) {
        const list = stranded
          .slice(0, 10)
          .map((method) => `${method.httpMethod} ${method.resource.path} (${method.authorizationType})`)
          .join(", ");
        const message = `${list} cannot use a ${input.type} authorizer; change their authorization first, or create a new authorizer`;
        throw conflict(message, [{ path: "type", message }]);
      }
    }
    const authorizer = await tx.authorizer.update({
      where: { id: existing.id },
      data: data(input),
      include: { _count: { select: { methods: true } } },
    });
    await recordEvent(
      {
        actor,
        action: "authorizer.update",
        targetType: "authorizer",
        targetId: authorizer.id,
        apiId: address.apiId,
        details: { name: authorizer.name, type: authorizer.type },
      },
      tx,
    );
    return toAuthorizerDto(authorizer);
  });
}

/** Deletes an authorizer no method uses: a method left without its authorizer could not be deployed. */
export async function deleteAuthorizer({ actor, ...address }: AuthorizerAddress & { actor: Actor }, db: Db = prisma): Promise<void> {
  await inTransaction(db, async (tx) => {
    const authorizer = await findAuthorizerOrThrow(address, tx);
    const users = await tx.method.findMany({
      where: { authorizerId: authorizer.id },
      select: { httpMethod: true, resource: { select: { path: true } } },
      take: 10,
    });
    if (users.length > 0) {
      const list = users.map((method) => `${method.httpMethod} ${method.resource.path}`).join(", ");
      throw conflict(`The authorizer ${authorizer.name} authorizes ${list}; give those methods another authorization first`);
    }
    await tx.authorizer.delete({ where: { id: authorizer.id } });
    await recordEvent(
      {
        actor,
        action: "authorizer.delete",
        targetType: "authorizer",
        targetId: authorizer.id,
        apiId: address.apiId,
        details: { name: authorizer.name },
      },
      tx,
    );
  });
}
