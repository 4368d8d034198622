import "server-only";

import { z } from "zod";

import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/schemas/common";
import { httpMethodSchema, type MethodDto } from "@/lib/schemas/method";
import { prisma, type Db } from "@/lib/server/db";
import { decodeCursor, encodeCursor, takePage } from "@/lib/server/pagination/cursor";
import { findResourceOrThrow } from "@/lib/server/resources/find-resource";

import { findMethodOrThrow, type MethodAddress } from "./find-method";
import { compareVerbs, toMethodDto, verbsAfter } from "./serialize-method";

export async function getMethodOrThrow(address: MethodAddress, db: Db = prisma): Promise<MethodDto> {
  return toMethodDto(await findMethodOrThrow(address, db));
}

const methodCursorSchema = z.object({ httpMethod: httpMethodSchema });

/**
 * A resource's methods in the usual verb order. The cursor is the last verb
 * of the page; a resource has at most one method per verb (eight in all), so
 * the rows after it are sorted here rather than by the database.
 */
export async function listMethods(
  { apiId, resourceId, cursor, limit = DEFAULT_PAGE_SIZE }: { apiId: string; resourceId: string; cursor?: string; limit?: number },
  db: Db = prisma,
): Promise<Page<MethodDto>> {
  await findResourceOrThrow({ apiId, resourceId }, db);
  const after = cursor ? decodeCursor(methodCursorSchema, cursor) : undefined;
  const rows = await db.method.findMany({
    where: { resourceId, httpMethod: after ? { in: verbsAfter(after.httpMethod) } : undefined },
    include: { integration: true },
  });
  const page = takePage(
    rows.sort((a, b) => compareVerbs(a.httpMethod, b.httpMethod)),
    limit,
  );
  return {
    items: page.items.map(toMethodDto),
    nextCursor: page.hasMore && page.last ? encodeCursor({ httpMethod: page.last.httpMethod }) : null,
  };
}
