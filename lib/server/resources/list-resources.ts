import "server-only";

import { z } from "zod";

import type { Page } from "@/lib/schemas/common";
import type { ListResourcesQuery, ResourceSummaryDto } from "@/lib/schemas/resource";
import { findApiOrThrow } from "@/lib/server/apis/get-api";
import { prisma, type Db } from "@/lib/server/db";
import { decodeCursor, encodeCursor, takePage } from "@/lib/server/pagination/cursor";

import { toResourceSummaryDto } from "./serialize-resource";

const resourceCursorSchema = z.object({ path: z.string() });

/**
 * An API's resources ordered by path (unique within an API, so the order is
 * total). Without a limit the whole tree comes back in one page: scripts and
 * the console's tree view want it whole, and trees are small.
 */
export async function listResources(
  { apiId, query }: { apiId: string; query: ListResourcesQuery },
  db: Db = prisma,
): Promise<Page<ResourceSummaryDto>> {
  await findApiOrThrow({ apiId }, db);
  const after = query.cursor ? decodeCursor(resourceCursorSchema, query.cursor) : undefined;
  const rows = await db.resource.findMany({
    where: { apiId, path: after ? { gt: after.path } : undefined },
    orderBy: { path: "asc" },
    take: query.limit === undefined ? undefined : query.limit + 1,
    include: { methods: { select: { httpMethod: true } } },
  });
  const page = takePage(rows, query.limit);
  return {
    items: page.items.map(toResourceSummaryDto),
    nextCursor: page.hasMore && page.last ? encodeCursor({ path: page.last.path }) : null,
  };
}
