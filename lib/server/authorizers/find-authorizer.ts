import "server-only";

import { notFound } from "@/lib/errors/api-error";
import type { AuthorizerDto } from "@/lib/schemas/authorizer";
import { findApiOrThrow } from "@/lib/server/apis/get-api";
import { prisma, type Db } from "@/lib/server/db";

import { toAuthorizerDto } from "./serialize-authorizer";

export type AuthorizerAddress = { apiId: string; authorizerId: string };

export async function findAuthorizerOrThrow({ apiId, authorizerId }: AuthorizerAddress, db: Db = prisma) {
  const authorizer = await db.authorizer.findFirst({
    where: { id: authorizerId, apiId },
    include: { _count: { select: { methods: true } } },
  });
  if (!authorizer) {
    await findApiOrThrow({ apiId }, db);
    throw notFound(`The API ${apiId} has no authorizer with the id ${authorizerId}; list its authorizers to find the right id`);
  }
  return authorizer;
}

export async function getAuthorizerOrThrow(address: AuthorizerAddress, db: Db = prisma): Promise<AuthorizerDto> {
  return toAuthorizerDto(await findAuthorizerOrThrow(address, db));
}
