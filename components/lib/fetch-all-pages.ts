import { MAX_PAGE_SIZE, type Page } from "@/lib/schemas/common";

import { apiRequest, type RequestOptions } from "./api-client";

/**
 * Every item of a paged list, for views that need the whole list (pickers,
 * the stages page, the nodes page): follows nextCursor from the first page
 * to the last, in pages of the largest size the API allows.
 */
export async function fetchAllPages<T>(path: string, options: Pick<RequestOptions, "query" | "signal"> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await apiRequest<Page<T>>(path, {
      query: { ...options.query, limit: MAX_PAGE_SIZE, cursor },
      signal: options.signal,
    });
    items.push(...page.items);
    // A cursor that does not move would loop forever; the list is as complete as it gets.
    if (page.nextCursor !== null && page.nextCursor === cursor) break;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}
