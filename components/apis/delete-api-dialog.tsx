"use client";

import { useDeleteApiMutation } from "@/components/apis/hooks/use-apis-query";
import type { ApiSummary } from "@/components/apis/types";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";

export function DeleteApiDialog({ api, onClose, onDeleted }: { api: ApiSummary | null; onClose: () => void; onDeleted?: () => void }) {
  const mutation = useDeleteApiMutation();
  const toast = useToast();
  return (
    <ConfirmDialog
      open={api !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title="Delete API"
      description={
        <>
          This permanently deletes <strong className="font-medium text-zinc-900">{api?.name}</strong> with all its resources, methods,
          models, deployments and stages. Its invoke URLs stop answering.
        </>
      }
      confirmationText={api?.name ?? ""}
      confirmLabel="Delete API"
      onConfirm={async () => {
        if (!api) return;
        await mutation.mutateAsync(api.id);
        toast({ title: "API deleted", description: api.name });
        onDeleted?.();
      }}
    />
  );
}
