import "server-only";

import { notFound } from "@/lib/errors/api-error";
import type { Integration, Method, Resource } from "@/lib/generated/prisma/client";
import { prisma, type Db } from "@/lib/server/db";
import { findResourceOrThrow } from "@/lib/server/resources/find-resource";

export type MethodWithContext = Method & { integration: Integration | null; resource: Resource };

export type MethodAddress = { apiId: string; resourceId: string; httpMethod: string };

/** The method of a resource by verb, or a 404 that says whether the resource or the verb is missing. */
export async function findMethodOrThrow({ apiId, resourceId, httpMethod }: MethodAddress, db: Db = prisma): Promise<MethodWithContext> {
  const resource = await findResourceOrThrow({ apiId, resourceId }, db);
  const method = await db.method.findUnique({
    where: { resourceId_httpMethod: { resourceId, httpMethod } },
    include: { integration: true },
  });
  if (!method) {
    throw notFound(`The resource ${resource.path} has no ${httpMethod} method; create it with POST .../methods`);
  }
  return { ...method, resource };
}
