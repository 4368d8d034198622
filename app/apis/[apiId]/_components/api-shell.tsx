"use client";

import { Boxes, Trash2 } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { DeleteApiDialog } from "@/components/apis/delete-api-dialog";
import { useApiQuery } from "@/components/apis/hooks/use-apis-query";
import { TopBar } from "@/components/layout/page-header";
import { ApiError } from "@/components/lib/api-client";
import { cn } from "@/components/lib/cn";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { UnsavedChangesProvider } from "./unsaved-changes";
import { PermittedButton } from "@/components/auth/permitted-button";

type Tab = { label: string; href: (apiId: string) => string };

// Each section of an API is a tab with its own route; Authorizers, Stages, Traffic and OpenAPI join here.
const TABS: Tab[] = [
  { label: "Resources", href: (apiId) => `/apis/${apiId}` },
  { label: "Authorizers", href: (apiId) => `/apis/${apiId}/authorizers` },
  { label: "Stages", href: (apiId) => `/apis/${apiId}/stages` },
  { label: "Traffic", href: (apiId) => `/apis/${apiId}/traffic` },
  { label: "OpenAPI", href: (apiId) => `/apis/${apiId}/openapi` },
];

export function ApiShell({ apiId, children }: { apiId: string; children: ReactNode }) {
  const query = useApiQuery(apiId);
  const pathname = usePathname();
  const router = useRouter();
  const [deleting, setDeleting] = useState(false);
  const api = query.data;

  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <>
        <TopBar crumbs={[{ label: "APIs", href: "/apis" }, { label: apiId }]} />
        <main className="flex flex-1 items-center justify-center">
          {notFound ? (
            <EmptyState
              icon={<Boxes className="size-5" />}
              title="API not found"
              description={
                <>
                  No API has the id <code className="font-mono text-zinc-700">{apiId}</code>. It may have been deleted.
                </>
              }
              action={
                <Link href="/apis" className="text-sm font-medium text-accent-600 hover:underline">
                  Back to APIs
                </Link>
              }
            />
          ) : (
            <ErrorState title="Could not load this API" error={query.error} onRetry={() => void query.refetch()} />
          )}
        </main>
      </>
    );
  }

  return (
    <UnsavedChangesProvider>
      <TopBar crumbs={[{ label: "APIs", href: "/apis" }, { label: api ? api.name : <Skeleton className="h-4 w-24" /> }]} />
      <div className="border-b border-zinc-200/80 bg-white px-6 pt-5">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            {api ? (
              <h1 className="truncate text-xl font-semibold tracking-tight text-zinc-900">{api.name}</h1>
            ) : (
              <Skeleton className="h-7 w-48" />
            )}
            <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-[13px] text-zinc-500">
              <span className="inline-flex items-center gap-1">
                ID <code className="font-mono text-zinc-700">{apiId}</code>
                <CopyButton value={apiId} label="Copy API ID" />
              </span>
              {api?.description ? <span className="truncate">{api.description}</span> : null}
            </div>
          </div>
          <PermittedButton
            size="sm"
            variant="ghost"
            icon={<Trash2 aria-hidden className="size-3.5" />}
            onClick={() => setDeleting(true)}
            disabled={!api}
            className="hover:bg-red-50 hover:text-red-600"
          >
            Delete API
          </PermittedButton>
        </div>
        <nav aria-label="API sections" className="mt-4 -mb-px flex gap-5">
          {TABS.map((tab) => {
            const href = tab.href(apiId);
            const active = pathname === href;
            return (
              <Link
                key={tab.label}
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "border-b-2 pb-2.5 text-[13px] font-medium transition-colors",
                  active ? "border-zinc-900 text-zinc-900" : "border-transparent text-zinc-500 hover:text-zinc-800",
                )}
              >
                {tab.label}
              </Link>
            );
          })}
        </nav>
      </div>
      {children}
      <DeleteApiDialog api={deleting && api ? api : null} onClose={() => setDeleting(false)} onDeleted={() => router.push("/apis")} />
    </UnsavedChangesProvider>
  );
}
