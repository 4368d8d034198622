"use client";

import { FolderPlus, Plus } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useResourcesQuery } from "@/components/apis/hooks/use-resources-query";
import { buildResourceTree } from "@/components/apis/resource-tree";
import type { ResourceSummary } from "@/components/apis/types";
import { pluralize } from "@/components/lib/format";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { CreateMethodDialog } from "./create-method-dialog";
import { CreateResourceDialog } from "./create-resource-dialog";
import { DeleteResourceDialog } from "./delete-resource-dialog";
import { MethodPanel } from "./method-panel";
import { RenameResourceDialog } from "./rename-resource-dialog";
import { ResourcePanel } from "./resource-panel";
import { ResourceTreeView } from "./resource-tree-view";
import { useUnsavedChanges } from "./unsaved-changes";
import { PermittedButton } from "@/components/auth/permitted-button";

export function ResourcesView({ apiId }: { apiId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { guard } = useUnsavedChanges();
  const query = useResourcesQuery(apiId);
  const resources = useMemo(() => query.data ?? [], [query.data]);
  const tree = useMemo(() => buildResourceTree(resources), [resources]);

  const root = resources.find((resource) => resource.parentId === null) ?? null;
  const requestedResourceId = searchParams.get("resource");
  const requestedMethod = searchParams.get("method");
  const selected = resources.find((resource) => resource.id === requestedResourceId) ?? root;
  const selectedMethod = selected && requestedMethod && selected.methods.includes(requestedMethod) ? requestedMethod : null;

  const [creatingResource, setCreatingResource] = useState(false);
  const [creatingMethod, setCreatingMethod] = useState(false);
  const [renaming, setRenaming] = useState<ResourceSummary | null>(null);
  const [deleting, setDeleting] = useState<ResourceSummary | null>(null);

  const navigate = useCallback(
    (resourceId: string | null, httpMethod: string | null, mode: "push" | "replace" = "push") => {
      const params = new URLSearchParams();
      if (resourceId) params.set("resource", resourceId);
      if (resourceId && httpMethod) params.set("method", httpMethod);
      const search = params.toString();
      router[mode](search ? `${pathname}?${search}` : pathname, { scroll: false });
    },
    [pathname, router],
  );

  // A selection that no longer exists (deleted elsewhere, stale link) falls back
  // to what does, so the URL never points at nothing.
  useEffect(() => {
    if (!query.isSuccess) return;
    const resourceGone = requestedResourceId !== null && !resources.some((resource) => resource.id === requestedResourceId);
    const methodGone = requestedMethod !== null && selectedMethod === null && !resourceGone;
    if (resourceGone) navigate(null, null, "replace");
    else if (methodGone) navigate(requestedResourceId, null, "replace");
  }, [query.isSuccess, resources, requestedResourceId, requestedMethod, selectedMethod, navigate]);

  const select = (resourceId: string, httpMethod: string | null) => {
    if (resourceId === selected?.id && httpMethod === selectedMethod) return;
    guard(() => navigate(resourceId, httpMethod));
  };

  if (query.isError) {
    return (
      <main className="flex flex-1 items-center justify-center">
        <ErrorState title="Could not load resources" error={query.error} onRetry={() => void query.refetch()} />
      </main>
    );
  }

  return (
    <main className="flex min-h-0 flex-1 flex-col gap-5 px-6 py-5 lg:flex-row">
      <aside
        aria-label="Resources"
        className="flex w-full shrink-0 flex-col self-start overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-zinc-200 lg:sticky lg:top-[4.75rem] lg:max-h-[calc(100vh-6rem)] lg:w-80"
      >
        <div className="border-b border-zinc-100 px-3 pt-3 pb-3">
          <div className="flex items-baseline justify-between px-1">
            <h2 className="text-[13px] font-semibold text-zinc-900">Resources</h2>
            {query.data ? <span className="text-[12px] text-zinc-400">{pluralize(resources.length, "resource")}</span> : null}
          </div>
          {selected ? (
            <p className="mt-0.5 truncate px-1 text-[12px] text-zinc-500">
              Selected <code className="font-mono text-zinc-700">{selected.path}</code>
            </p>
          ) : null}
          <div className="mt-2.5 grid grid-cols-2 gap-2">
            <PermittedButton
              size="sm"
              icon={<FolderPlus aria-hidden className="size-3.5" />}
              onClick={() => setCreatingResource(true)}
              disabled={!selected}
              title={selected ? `Create a resource under ${selected.path}` : undefined}
            >
              Create resource
            </PermittedButton>
            <PermittedButton
              size="sm"
              icon={<Plus aria-hidden className="size-3.5" />}
              onClick={() => setCreatingMethod(true)}
              disabled={!selected}
              title={selected ? `Create a method on ${selected.path}` : undefined}
            >
              Create method
            </PermittedButton>
          </div>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto p-2">
          {query.isPending ? (
            <div aria-busy="true" aria-label="Loading resources" className="flex flex-col gap-2 p-2">
              <Skeleton className="h-5 w-10" />
              <Skeleton className="ml-4 h-5 w-28" />
              <Skeleton className="ml-8 h-5 w-16" />
              <Skeleton className="ml-8 h-5 w-24" />
            </div>
          ) : (
            <ResourceTreeView roots={tree} selection={{ resourceId: selected?.id ?? null, httpMethod: selectedMethod }} onSelect={select} />
          )}
        </div>
      </aside>

      <section aria-label="Details" className="min-w-0 flex-1">
        {query.isPending ? (
          <div className="flex flex-col gap-4 rounded-xl bg-white p-6 shadow-xs ring-1 ring-zinc-200">
            <Skeleton className="h-6 w-40" />
            <Skeleton className="h-4 w-72" />
            <Skeleton className="h-24 w-full" />
          </div>
        ) : selected && selectedMethod ? (
          <MethodPanel
            key={`${selected.id}:${selectedMethod}`}
            apiId={apiId}
            resource={selected}
            httpMethod={selectedMethod}
            onDeleted={() => navigate(selected.id, null, "replace")}
          />
        ) : selected ? (
          <ResourcePanel
            apiId={apiId}
            resource={selected}
            resources={resources}
            onSelectMethod={(method) => select(selected.id, method)}
            onSelectResource={(resourceId) => select(resourceId, null)}
            onCreateResource={() => setCreatingResource(true)}
            onCreateMethod={() => setCreatingMethod(true)}
            onRename={() => setRenaming(selected)}
            onDelete={() => setDeleting(selected)}
          />
        ) : null}
      </section>

      <CreateResourceDialog
        apiId={apiId}
        parent={selected}
        open={creatingResource}
        onOpenChange={setCreatingResource}
        onCreated={(resource) => guard(() => navigate(resource.id, null))}
      />
      {selected ? (
        <CreateMethodDialog
          apiId={apiId}
          resource={selected}
          open={creatingMethod}
          onOpenChange={setCreatingMethod}
          onCreated={(method) => guard(() => navigate(selected.id, method))}
        />
      ) : null}
      <RenameResourceDialog apiId={apiId} resource={renaming} onClose={() => setRenaming(null)} />
      <DeleteResourceDialog
        apiId={apiId}
        resource={deleting}
        resources={resources}
        onClose={() => setDeleting(null)}
        onDeleted={(resource) => navigate(resource.parentId, null, "replace")}
      />
    </main>
  );
}
