import "server-only";

import { z } from "zod";

import { invalidField } from "@/lib/errors/api-error";

// Cursors are opaque to callers: base64url JSON of the last item's sort key.
// Keyset pagination (rather than offsets) keeps pages stable while rows are
// added or removed, and costs the same on page 1 and page 1,000.

export function encodeCursor(key: Record<string, string>): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string): z.output<S> {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const result = schema.safeParse(decoded);
    if (result.success) return result.data;
  } catch {
    // Falls through to the same answer as a well-formed but foreign cursor.
  }
  throw invalidField("cursor", "cursor is not one this API issued; start again from the first page by omitting it");
}

/** Splits a fetch of limit + 1 rows into a page and whether another page follows. */
export function takePage<T>(rows: T[], limit: number | undefined): { items: T[]; last: T | undefined; hasMore: boolean } {
  if (limit === undefined || rows.length <= limit) return { items: rows, last: undefined, hasMore: false };
  const items = rows.slice(0, limit);
  return { items, last: items[items.length - 1], hasMore: true };
}

// Lists shown newest first sort by createdAt, then id, so that rows created
// in the same millisecond still have a total order and no page skips one.

/** The orderBy of a newest-first list. */
export const NEWEST_FIRST: [{ createdAt: "desc" }, { id: "desc" }] = [{ createdAt: "desc" }, { id: "desc" }];

const newestFirstCursorSchema = z.object({ createdAt: z.iso.datetime(), id: z.string() });

/** The where filter of the rows that follow a newest-first cursor. */
export function afterNewestFirstCursor(cursor: string): { OR: [{ createdAt: { lt: Date } }, { createdAt: Date; id: { lt: string } }] } {
  const after = decodeCursor(newestFirstCursorSchema, cursor);
  const createdAt = new Date(after.createdAt);
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: after.id } }] };
}

/** The cursor of the page after `last`, the final row of a newest-first page. */
export function newestFirstCursor(last: { createdAt: Date; id: string }): string {
  return encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id });
}
