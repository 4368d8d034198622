import "server-only";

import { z } from "zod";

import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/schemas/common";
import type { ListUsagePlansQuery, UsagePlanDto } from "@/lib/schemas/usage-plan";
import { prisma, type Db } from "@/lib/server/db";
import { decodeCursor, encodeCursor, takePage } from "@/lib/server/pagination/cursor";

import { toUsagePlanDto, usagePlanInclude } from "./serialize-usage-plan";

const planCursorSchema = z.object({ name: z.string(), id: z.string() });

/** Usage plans by name (names are unique; the id only makes the order total for the cursor). */
export async function listUsagePlans(query: ListUsagePlansQuery, db: Db = prisma): Promise<Page<UsagePlanDto>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const after = query.cursor ? decodeCursor(planCursorSchema, query.cursor) : undefined;
  const rows = await db.usagePlan.findMany({
    where: after ? { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] } : {},
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: limit + 1,
    include: usagePlanInclude,
  });
  const page = takePage(rows, limit);
  return {
    items: page.items.map(toUsagePlanDto),
    nextCursor: page.hasMore && page.last ? encodeCursor({ name: page.last.name, id: page.last.id }) : null,
  };
}
