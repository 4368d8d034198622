import "server-only";

import { notFound } from "@/lib/errors/api-error";
import type { Resource } from "@/lib/generated/prisma/client";
import { prisma, type Db } from "@/lib/server/db";

/** The resource if it belongs to the API, else a 404 (an id from another API is as good as unknown). */
export async function findResourceOrThrow(
  { apiId, resourceId }: { apiId: string; resourceId: string },
  db: Db = prisma,
): Promise<Resource> {
  const resource = await db.resource.findFirst({ where: { id: resourceId, apiId } });
  if (!resource) {
    const apiExists = (await db.api.count({ where: { id: apiId } })) > 0;
    throw notFound(
      apiExists
        ? `The API ${apiId} has no resource with the id ${resourceId}; list its resources to find the right id`
        : `No API has the id ${apiId}; check the id (GET /api/v1/apis lists them)`,
    );
  }
  return resource;
}
