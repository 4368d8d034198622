"use client";

import { FileUp, KeyRound, Plus } from "lucide-react";
import { useState } from "react";

import { useApiKeysQuery, useRevokeApiKeyMutation, useUpdateApiKeyMutation } from "@/components/api-keys/hooks/use-api-keys-query";
import { describeNodeOutcomes } from "@/components/api-keys/node-outcomes";
import { TopBar } from "@/components/layout/page-header";
import { describeError } from "@/components/lib/api-client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ListSection } from "@/components/ui/list-section";
import { useToast } from "@/components/ui/toast";
import type { ApiKeyDto } from "@/lib/schemas/api-key";

import { ApiKeysTable, ApiKeysTableSkeleton } from "./api-keys-table";
import { ImportKeysDialog } from "./import-keys-dialog";
import { IssueKeyDialog } from "./issue-key-dialog";
import { RotateKeyDialog } from "./rotate-key-dialog";
import { PermittedButton } from "@/components/auth/permitted-button";

export function ApiKeysPage() {
  const toast = useToast();
  const query = useApiKeysQuery();
  const update = useUpdateApiKeyMutation();
  const revoke = useRevokeApiKeyMutation();
  const [issuing, setIssuing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [rotating, setRotating] = useState<ApiKeyDto | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyDto | null>(null);
  const [busyKeyId, setBusyKeyId] = useState<string | null>(null);
  const keys = query.data?.pages.flatMap((page) => page.items) ?? [];

  async function toggle(key: ApiKeyDto) {
    setBusyKeyId(key.id);
    try {
      const result = await update.mutateAsync({ apiKeyId: key.id, input: { enabled: !key.enabled } });
      toast({
        title: `${result.apiKey.name} ${result.apiKey.enabled ? "enabled" : "disabled"}`,
        description: describeNodeOutcomes(result.nodes),
      });
    } catch (error) {
      toast({ tone: "error", title: "Could not change the key", description: describeError(error) });
    } finally {
      setBusyKeyId(null);
    }
  }

  return (
    <>
      <TopBar crumbs={[{ label: "API keys" }]} />
      <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold tracking-tight text-zinc-900">API keys</h1>
            <p className="mt-1 text-sm text-zinc-500">
              Keys identify consumers; their usage plans set throttles and quotas. Changes reach every gateway node without a redeploy.
            </p>
          </div>
          <div className="flex items-center gap-2">
            <PermittedButton icon={<FileUp aria-hidden className="size-4" />} onClick={() => setImporting(true)}>
              Import CSV
            </PermittedButton>
            <PermittedButton variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => setIssuing(true)}>
              Issue key
            </PermittedButton>
          </div>
        </div>

        <ListSection
          label="API key list"
          className="mt-6"
          query={query}
          skeleton={<ApiKeysTableSkeleton />}
          errorTitle="Could not load the API keys"
          isEmpty={keys.length === 0}
          empty={
            <EmptyState
              icon={<KeyRound className="size-5" />}
              title="Issue your first API key"
              description="Put it in a usage plan attached to a deployed stage, and methods that require a key accept it."
              action={
                <PermittedButton variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => setIssuing(true)}>
                  Issue key
                </PermittedButton>
              }
            />
          }
          loadMoreError="Could not load more API keys."
        >
          <ApiKeysTable
            keys={keys}
            actions={{ onToggle: (key) => void toggle(key), onRotate: setRotating, onRevoke: setRevoking, busyKeyId }}
          />
        </ListSection>
      </main>

      <IssueKeyDialog open={issuing} onOpenChange={setIssuing} />
      <ImportKeysDialog open={importing} onOpenChange={setImporting} />
      <RotateKeyDialog apiKey={rotating} onClose={() => setRotating(null)} />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => (open ? null : setRevoking(null))}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        description={`Gateways refuse ${revoking?.displayPrefix ?? ""}… within seconds, and a revoked key cannot be enabled again. The consumer needs a new key.`}
        confirmLabel="Revoke key"
        onConfirm={async () => {
          if (!revoking) return;
          const result = await revoke.mutateAsync(revoking.id);
          toast({ title: `${result.apiKey.name} revoked`, description: describeNodeOutcomes(result.nodes) });
        }}
      />
    </>
  );
}
