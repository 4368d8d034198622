import "server-only";

import type { ResourceDetailDto } from "@/lib/schemas/resource";
import { prisma, type Db } from "@/lib/server/db";

import { findResourceOrThrow } from "./find-resource";
import { toResourceDetailDto } from "./serialize-resource";

/** One resource with its methods in full, integrations included. */
export async function getResourceOrThrow(
  { apiId, resourceId }: { apiId: string; resourceId: string },
  db: Db = prisma,
): Promise<ResourceDetailDto> {
  await findResourceOrThrow({ apiId, resourceId }, db);
  const resource = await db.resource.findUniqueOrThrow({
    where: { id: resourceId },
    include: { methods: { include: { integration: true } }, _count: { select: { children: true } } },
  });
  return toResourceDetailDto(resource);
}
