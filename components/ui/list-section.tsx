"use client";

import type { ReactNode } from "react";
import { cn } from "@/components/lib/cn";
import { Button } from "./button";
import { ErrorState } from "./error-state";

/** What a list needs from its react-query result; the paging fields only for infinite queries. */
export type ListQuery = {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  data: unknown;
  refetch: () => unknown;
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  isFetchNextPageError?: boolean;
  fetchNextPage?: () => unknown;
};

/**
 * A list page's card: a skeleton while the first page loads, an error with a
 * retry when nothing could be loaded, the empty state, or the list, then
 * "Load more" while the server has further pages. A failure to load a further
 * page keeps what is shown and says so below it.
 */
export function ListSection({
  label,
  query,
  skeleton,
  errorTitle,
  isEmpty,
  empty,
  loadMoreError,
  className,
  children,
}: {
  /** The section's accessible name, e.g. "API list". */
  label: string;
  query: ListQuery;
  skeleton: ReactNode;
  errorTitle: string;
  isEmpty: boolean;
  empty: ReactNode;
  /** Says what could not be loaded, e.g. "Could not load more APIs." */
  loadMoreError: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <>
      <section aria-label={label} className={cn("overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-zinc-200", className)}>
        {query.isPending ? (
          skeleton
        ) : query.isError && !query.data ? (
          <ErrorState title={errorTitle} error={query.error} onRetry={() => void query.refetch()} />
        ) : isEmpty ? (
          empty
        ) : (
          children
        )}
      </section>
      {query.hasNextPage && query.fetchNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button onClick={() => void query.fetchNextPage?.()} loading={query.isFetchingNextPage}>
            Load more
          </Button>
        </div>
      ) : null}
      {query.isFetchNextPageError && query.error ? (
        <p role="alert" className="mt-3 text-center text-sm text-red-600">
          {loadMoreError} {query.error.message}
        </p>
      ) : null}
    </>
  );
}
