import "server-only";

import { z } from "zod";

import type { Prisma } from "@/lib/generated/prisma/client";
import type { ApiDto, ListApisQuery } from "@/lib/schemas/api";
import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/schemas/common";
import { prisma, type Db } from "@/lib/server/db";
import { decodeCursor, encodeCursor, takePage } from "@/lib/server/pagination/cursor";
import { escapeLike } from "@/lib/server/sql/escape-like";

import { toApiDto } from "./serialize-api";

const apiCursorSchema = z.object({ createdAt: z.iso.datetime(), id: z.string() });

/** APIs, newest first (ties broken by id so that the order is total), optionally filtered by a search term. */
export async function listApis(query: ListApisQuery, db: Db = prisma): Promise<Page<ApiDto>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const filters: Prisma.ApiWhereInput[] = [];
  if (query.q) {
    const term = escapeLike(query.q);
    filters.push({
      OR: [
        { name: { contains: term, mode: "insensitive" } },
        { description: { contains: term, mode: "insensitive" } },
      ],
    });
  }
  if (query.cursor) {
    const after = decodeCursor(apiCursorSchema, query.cursor);
    const createdAt = new Date(after.createdAt);
    filters.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: after.id } }] });
  }
  const rows = await db.api.findMany({
    where: { AND: filters },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = takePage(rows, limit);
  return {
    items: page.items.map(toApiDto),
    nextCursor: page.hasMore && page.last ? encodeCursor({ createdAt: page.last.createdAt.toISOString(), id: page.last.id }) : null,
  };
}
