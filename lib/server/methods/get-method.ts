import "server-only";

import type { MethodDto } from "@/lib/schemas/method";
import { prisma, type Db } from "@/lib/server/db";
import { findResourceOrThrow } from "@/lib/server/resources/find-resource";

import { findMethodOrThrow, type MethodAddress } from "./find-method";
import { compareVerbs, toMethodDto } from "./serialize-method";

export async function getMethodOrThrow(address: MethodAddress, db: Db = prisma): Promise<MethodDto> {
  return toMethodDto(await findMethodOrThrow(address, db));
}

/** Every method of a resource, in the usual verb order. */
export async function listMethods({ apiId, resourceId }: { apiId: string; resourceId: string }, db: Db = prisma): Promise<MethodDto[]> {
  await findResourceOrThrow({ apiId, resourceId }, db);
  const methods = await db.method.findMany({ where: { resourceId }, include: { integration: true } });
  return methods.sort((a, b) => compareVerbs(a.httpMethod, b.httpMethod)).map(toMethodDto);
}
