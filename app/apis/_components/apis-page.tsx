"use client";

import { Boxes, FileUp, Plus, Search } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { DeleteApiDialog } from "@/components/apis/delete-api-dialog";
import { useApisQuery } from "@/components/apis/hooks/use-apis-query";
import type { ApiSummary } from "@/components/apis/types";
import { TopBar } from "@/components/layout/page-header";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { ListSection } from "@/components/ui/list-section";
import { ApisTable, ApisTableSkeleton } from "./apis-table";
import { CreateApiDialog } from "./create-api-dialog";
import { PermittedButton } from "@/components/auth/permitted-button";

const SEARCH_DEBOUNCE_MS = 250;

export function ApisPage() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [search, setSearch] = useState(searchParams.get("q") ?? "");
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ApiSummary | null>(null);

  // The search lives in the URL so it survives a reload and can be shared.
  useEffect(() => {
    const current = searchParams.get("q") ?? "";
    if (current === q) return;
    router.replace(q ? `${pathname}?q=${encodeURIComponent(q)}` : pathname, { scroll: false });
  }, [q, pathname, router, searchParams]);

  const query = useApisQuery(q);
  const apis = query.data?.pages.flatMap((page) => page.items) ?? [];
  const searching = search.trim() !== q || (query.isFetching && !query.isFetchingNextPage);

  return (
    <>
      <TopBar crumbs={[{ label: "APIs" }]} />
      <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold tracking-tight text-zinc-900">APIs</h1>
            <p className="mt-1 text-sm text-zinc-500">Design HTTP APIs, then deploy them to stages served by your gateways.</p>
          </div>
          <div className="flex items-center gap-2">
            <Link
              href="/apis/import"
              className="inline-flex h-9 items-center gap-2 rounded-md bg-white px-3.5 text-sm font-medium text-zinc-900 shadow-xs ring-1 ring-zinc-200 transition-colors ring-inset hover:bg-zinc-50 hover:ring-zinc-300"
            >
              <FileUp aria-hidden className="size-4" />
              Import OpenAPI
            </Link>
            <PermittedButton variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => setCreating(true)}>
              Create API
            </PermittedButton>
          </div>
        </div>

        <div className="mt-6 flex items-center gap-3">
          <div className="w-full max-w-xs">
            <Input
              type="search"
              aria-label="Search APIs"
              placeholder="Search by name…"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              leadingIcon={<Search aria-hidden className="size-4" />}
            />
          </div>
          {searching && query.data ? <span className="text-xs text-zinc-400">Searching…</span> : null}
        </div>

        <ListSection
          label="API list"
          className="mt-4"
          query={query}
          skeleton={<ApisTableSkeleton />}
          errorTitle="Could not load your APIs"
          isEmpty={apis.length === 0}
          empty={
            q ? (
              <EmptyState
                icon={<Search className="size-5" />}
                title={`No APIs match “${q}”`}
                description="Try another name, or clear the search."
                action={<Button onClick={() => setSearch("")}>Clear search</Button>}
              />
            ) : (
              <EmptyState
                icon={<Boxes className="size-5" />}
                title="Create your first API"
                description="An API is a tree of resources and methods. Each method forwards to an HTTP service or answers with a mock."
                action={
                  <PermittedButton variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => setCreating(true)}>
                    Create API
                  </PermittedButton>
                }
              />
            )
          }
          loadMoreError="Could not load more APIs."
        >
          <ApisTable apis={apis} onDelete={setDeleting} />
        </ListSection>
      </main>

      <CreateApiDialog open={creating} onOpenChange={setCreating} />
      <DeleteApiDialog api={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
