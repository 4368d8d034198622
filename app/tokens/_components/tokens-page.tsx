"use client";

import { Plus } from "lucide-react";
import { useState } from "react";

import { useRevokeTokenMutation, useTokensQuery } from "@/components/access/use-access-queries";
import { TopBar } from "@/components/layout/page-header";
import { formatDateTime, formatRelative } from "@/components/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ListSection } from "@/components/ui/list-section";
import { Skeleton } from "@/components/ui/skeleton";
import { ACTIONS_LABEL, TableHead } from "@/components/ui/table-head";
import { useToast } from "@/components/ui/toast";
import type { ApiTokenDto } from "@/lib/schemas/auth";

import { CreateTokenDialog, TokenValueDialog } from "./create-token-dialog";

const COLUMNS = [
  { label: "Name" },
  { label: "Token", className: "w-[150px]" },
  { label: "Role", className: "w-[110px]" },
  { label: "Created", className: "w-[130px]" },
  { label: "Expires", className: "w-[150px]" },
  { label: "Last used", className: "w-[130px]" },
  { label: ACTIONS_LABEL, className: "w-[110px]" },
];

function expiry(token: ApiTokenDto, now: number): { label: string; expired: boolean } {
  if (token.expiresAt === null) return { label: "never", expired: false };
  const expired = Date.parse(token.expiresAt) <= now;
  return { label: expired ? "expired" : formatDateTime(token.expiresAt), expired };
}

export function TokensPage() {
  const toast = useToast();
  const query = useTokensQuery();
  const revoke = useRevokeTokenMutation();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; value: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenDto | null>(null);
  // Expiry is judged against when the page opened.
  const [now] = useState(() => Date.now());
  const tokens = (query.data?.items ?? []).filter((token) => token.revokedAt === null);

  return (
    <>
      <TopBar crumbs={[{ label: "API tokens" }]} />
      <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold tracking-tight text-zinc-900">API tokens</h1>
            <p className="mt-1 text-sm text-zinc-500">
              Tokens let scripts and CI call the console API as you (<code className="font-mono text-[13px]">Authorization: Bearer …</code>
              ), with your role or a lower one.
            </p>
          </div>
          <Button variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => setCreating(true)}>
            New token
          </Button>
        </div>
        <ListSection
          label="Token list"
          className="mt-6"
          query={query}
          errorTitle="The tokens could not be loaded"
          loadMoreError="More tokens could not be loaded"
          skeleton={<Skeleton className="h-32" />}
          isEmpty={tokens.length === 0}
          empty={
            <EmptyState title="No tokens yet" description="Make one for each script or pipeline, so each can be revoked on its own." />
          }
        >
          <table className="w-full table-fixed text-sm">
            <TableHead columns={COLUMNS} />
            <tbody className="divide-y divide-zinc-100">
              {tokens.map((token) => {
                const { label, expired } = expiry(token, now);
                return (
                  <tr key={token.id} aria-label={`Token ${token.name}`}>
                    <td className="truncate px-4 py-3 font-medium text-zinc-900">{token.name}</td>
                    <td className="px-4 py-3 font-mono text-xs text-zinc-600">{token.prefix}…</td>
                    <td className="px-4 py-3">
                      <Badge>{token.role}</Badge>
                    </td>
                    <td className="px-4 py-3 text-zinc-500">
                      <time dateTime={token.createdAt} title={formatDateTime(token.createdAt)}>
                        {formatRelative(token.createdAt)}
                      </time>
                    </td>
                    <td className="px-4 py-3 text-zinc-500">{expired ? <Badge tone="red">expired</Badge> : label}</td>
                    <td className="px-4 py-3 text-zinc-500">{token.lastUsedAt ? formatRelative(token.lastUsedAt) : "never"}</td>
                    <td className="px-4 py-3 text-right">
                      <Button size="sm" variant="ghost" aria-label={`Revoke ${token.name}`} onClick={() => setRevoking(token)}>
                        Revoke
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ListSection>
      </main>
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} onCreated={(name, value) => setCreated({ name, value })} />
      <TokenValueDialog token={created} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => (open ? undefined : setRevoking(null))}
        title={`Revoke ${revoking?.name ?? "token"}?`}
        description="Scripts that use it are refused from the next call on. This cannot be undone."
        confirmLabel="Revoke token"
        onConfirm={async () => {
          if (!revoking) return;
          await revoke.mutateAsync(revoking.id);
          toast({ title: `${revoking.name} revoked` });
          setRevoking(null);
        }}
      />
    </>
  );
}
