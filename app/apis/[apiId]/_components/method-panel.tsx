"use client";

import { Trash2 } from "lucide-react";
import { useState } from "react";
import { useDeleteMethodMutation } from "@/components/apis/hooks/use-method-mutation";
import { useResourceQuery } from "@/components/apis/hooks/use-resources-query";
import type { ResourceSummary } from "@/components/apis/types";
import { MethodBadge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { MethodForm } from "./method-form";
import { useUnsavedChanges } from "./unsaved-changes";
import { PermittedButton } from "@/components/auth/permitted-button";

type Props = { apiId: string; resource: ResourceSummary; httpMethod: string; onDeleted: () => void };

export function MethodPanel({ apiId, resource, httpMethod, onDeleted }: Props) {
  const detail = useResourceQuery(apiId, resource.id);
  const deleteMutation = useDeleteMethodMutation(apiId, resource.id);
  const { setDirty } = useUnsavedChanges();
  const toast = useToast();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const method = detail.data?.methods.find((candidate) => candidate.httpMethod === httpMethod);

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white px-5 py-4 shadow-xs ring-1 ring-zinc-200">
        <div className="flex min-w-0 items-center gap-3">
          <MethodBadge method={httpMethod} className="px-2 py-0.5 text-[12px]" />
          <h2 className="truncate font-mono text-lg font-semibold text-zinc-900">{resource.path}</h2>
        </div>
        <PermittedButton
          size="sm"
          icon={<Trash2 aria-hidden className="size-3.5" />}
          onClick={() => setConfirmingDelete(true)}
          className="hover:bg-red-50 hover:text-red-600 hover:ring-red-200"
        >
          Delete method
        </PermittedButton>
      </div>

      {detail.isPending ? (
        <div
          aria-busy="true"
          aria-label="Loading method"
          className="flex flex-col gap-4 rounded-xl bg-white p-6 shadow-xs ring-1 ring-zinc-200"
        >
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-2/3" />
          <Skeleton className="h-24 w-full" />
        </div>
      ) : detail.isError ? (
        <div className="rounded-xl bg-white shadow-xs ring-1 ring-zinc-200">
          <ErrorState title="Could not load this method" error={detail.error} onRetry={() => void detail.refetch()} />
        </div>
      ) : method ? (
        <MethodForm apiId={apiId} resource={resource} method={method} />
      ) : null}

      <ConfirmDialog
        open={confirmingDelete}
        onOpenChange={setConfirmingDelete}
        title="Delete method"
        description={
          <>
            Delete <code className="font-mono text-zinc-800">{`${httpMethod} ${resource.path}`}</code> and its integration? Deployed stages
            keep serving it until the next deployment.
          </>
        }
        confirmLabel="Delete method"
        onConfirm={async () => {
          await deleteMutation.mutateAsync(httpMethod);
          setDirty(false);
          toast({ title: "Method deleted", description: `${httpMethod} ${resource.path}` });
          onDeleted();
        }}
      />
    </div>
  );
}
