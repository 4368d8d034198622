import "server-only";

import type { Prisma } from "@/lib/generated/prisma/client";
import type { ApiDto, ListApisQuery } from "@/lib/schemas/api";
import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/schemas/common";
import { prisma, type Db } from "@/lib/server/db";
import { afterNewestFirstCursor, NEWEST_FIRST, newestFirstCursor, takePage } from "@/lib/server/pagination/cursor";
import { escapeLike } from "@/lib/server/sql/escape-like";

import { toApiDto } from "./serialize-api";

/** APIs, newest first (ties broken by id so that the order is total), optionally filtered by a search term. */
export async function listApis(query: ListApisQuery, db: Db = prisma): Promise<Page<ApiDto>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const filters: Prisma.ApiWhereInput[] = [];
  if (query.q) {
    const term = escapeLike(query.q);
    filters.push({
      OR: [{ name: { contains: term, mode: "insensitive" } }, { description: { contains: term, mode: "insensitive" } }],
    });
  }
  if (query.cursor) filters.push(afterNewestFirstCursor(query.cursor));
  const rows = await db.api.findMany({
    where: { AND: filters },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
  });
  const page = takePage(rows, limit);
  return {
    items: page.items.map(toApiDto),
    nextCursor: page.hasMore && page.last ? newestFirstCursor(page.last) : null,
  };
}
