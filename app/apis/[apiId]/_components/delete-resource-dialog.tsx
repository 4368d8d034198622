"use client";

import { useDeleteResourceMutation } from "@/components/apis/hooks/use-resources-query";
import { subtreeStats } from "@/components/apis/resource-tree";
import type { ResourceSummary } from "@/components/apis/types";
import { pluralize } from "@/components/lib/format";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";

type Props = {
  apiId: string;
  resource: ResourceSummary | null;
  resources: ResourceSummary[];
  onClose: () => void;
  onDeleted: (resource: ResourceSummary) => void;
};

export function DeleteResourceDialog({ apiId, resource, resources, onClose, onDeleted }: Props) {
  const mutation = useDeleteResourceMutation(apiId);
  const toast = useToast();
  const stats = resource ? subtreeStats(resources, resource.id) : { descendants: 0, methods: 0 };
  const hasChildren = stats.descendants > 0;

  return (
    <ConfirmDialog
      open={resource !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={hasChildren ? "Delete resource and its children" : "Delete resource"}
      description={
        <>
          Delete <code className="font-mono text-zinc-800">{resource?.path}</code>
          {hasChildren || stats.methods > 0 ? " together with:" : "? It has no methods."}
        </>
      }
      // A whole subtree goes with one click otherwise: ask for the path.
      confirmationText={hasChildren ? resource?.path : undefined}
      confirmLabel="Delete"
      onConfirm={async () => {
        if (!resource) return;
        await mutation.mutateAsync({ resourceId: resource.id, recursive: hasChildren });
        toast({ title: "Resource deleted", description: resource.path });
        onDeleted(resource);
      }}
    >
      {hasChildren || stats.methods > 0 ? (
        <ul className="flex flex-col gap-1 rounded-lg bg-zinc-50 px-4 py-3 text-sm text-zinc-700 ring-1 ring-zinc-200 ring-inset">
          {hasChildren ? <li data-testid="delete-child-count">{pluralize(stats.descendants, "child resource")}</li> : null}
          <li data-testid="delete-method-count">{pluralize(stats.methods, "method")}</li>
        </ul>
      ) : null}
    </ConfirmDialog>
  );
}
