import "server-only";

import { z } from "zod";

import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/schemas/common";
import type { ModelDto } from "@/lib/schemas/model";
import { findApiOrThrow } from "@/lib/server/apis/get-api";
import { prisma, type Db } from "@/lib/server/db";
import { decodeCursor, encodeCursor, takePage } from "@/lib/server/pagination/cursor";

import { toModelDto } from "./serialize-model";

const modelCursorSchema = z.object({ name: z.string() });

/** An API's models by name (unique within an API). */
export async function listModels(
  { apiId, cursor, limit = DEFAULT_PAGE_SIZE }: { apiId: string; cursor?: string; limit?: number },
  db: Db = prisma,
): Promise<Page<ModelDto>> {
  await findApiOrThrow({ apiId }, db);
  const after = cursor ? decodeCursor(modelCursorSchema, cursor) : undefined;
  const rows = await db.model.findMany({
    where: { apiId, name: after ? { gt: after.name } : undefined },
    orderBy: { name: "asc" },
    take: limit + 1,
  });
  const page = takePage(rows, limit);
  return {
    items: page.items.map(toModelDto),
    nextCursor: page.hasMore && page.last ? encodeCursor({ name: page.last.name }) : null,
  };
}
