import "server-only";

import { z } from "zod";

import type { Prisma } from "@/lib/generated/prisma/client";
import type { ApiKeyDto, ListApiKeysQuery } from "@/lib/schemas/api-key";
import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/schemas/common";
import { prisma, type Db } from "@/lib/server/db";
import { decodeCursor, encodeCursor, takePage } from "@/lib/server/pagination/cursor";

import { apiKeySelect, toApiKeyDto } from "./serialize-api-key";

const keyCursorSchema = z.object({ createdAt: z.iso.datetime(), id: z.string() });

/** Keys, newest first, optionally those of one plan or one customer. */
export async function listApiKeys(query: ListApiKeysQuery, db: Db = prisma): Promise<Page<ApiKeyDto>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const filters: Prisma.ApiKeyWhereInput[] = [];
  if (query.usagePlanId) filters.push({ usagePlans: { some: { usagePlanId: query.usagePlanId } } });
  if (query.customerId) filters.push({ customerId: query.customerId });
  if (!query.includeRevoked) filters.push({ revokedAt: null });
  if (query.cursor) {
    const after = decodeCursor(keyCursorSchema, query.cursor);
    const createdAt = new Date(after.createdAt);
    filters.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: after.id } }] });
  }
  const rows = await db.apiKey.findMany({
    where: { AND: filters },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: apiKeySelect,
  });
  const page = takePage(rows, limit);
  const now = new Date();
  return {
    items: page.items.map((key) => toApiKeyDto(key, now)),
    nextCursor: page.hasMore && page.last ? encodeCursor({ createdAt: page.last.createdAt.toISOString(), id: page.last.id }) : null,
  };
}
