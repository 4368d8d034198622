import "server-only";

import type { Prisma } from "@/lib/generated/prisma/client";
import type { ApiKeyDto, ListApiKeysQuery } from "@/lib/schemas/api-key";
import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/schemas/common";
import { prisma, type Db } from "@/lib/server/db";
import { afterNewestFirstCursor, NEWEST_FIRST, newestFirstCursor, takePage } from "@/lib/server/pagination/cursor";

import { apiKeySelect, toApiKeyDto } from "./serialize-api-key";

/** Keys, newest first, optionally those of one plan or one customer. */
export async function listApiKeys(query: ListApiKeysQuery, db: Db = prisma): Promise<Page<ApiKeyDto>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const filters: Prisma.ApiKeyWhereInput[] = [];
  if (query.usagePlanId) filters.push({ usagePlans: { some: { usagePlanId: query.usagePlanId } } });
  if (query.customerId) filters.push({ customerId: query.customerId });
  if (!query.includeRevoked) filters.push({ revokedAt: null });
  if (query.cursor) filters.push(afterNewestFirstCursor(query.cursor));
  const rows = await db.apiKey.findMany({
    where: { AND: filters },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select: apiKeySelect,
  });
  const page = takePage(rows, limit);
  const now = new Date();
  return {
    items: page.items.map((key) => toApiKeyDto(key, now)),
    nextCursor: page.hasMore && page.last ? newestFirstCursor(page.last) : null,
  };
}
