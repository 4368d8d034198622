"use client";

import Link from "next/link";

import { KeyStatusBadge } from "@/components/api-keys/key-status-badge";
import { formatDateTime, formatRelative } from "@/components/lib/format";
import { Skeleton } from "@/components/ui/skeleton";
import { ACTIONS_LABEL, TableHead } from "@/components/ui/table-head";
import type { ApiKeyDto } from "@/lib/schemas/api-key";
import { PermittedButton } from "@/components/auth/permitted-button";

const COLUMNS = [
  { label: "Name", className: "w-[22%]" },
  { label: "Key", className: "w-[16%]" },
  { label: "Usage plans" },
  { label: "Status", className: "w-[16%]" },
  { label: "Created", className: "w-[11%]" },
  { label: ACTIONS_LABEL, className: "w-[210px]" },
];

export type KeyActions = {
  onToggle: (key: ApiKeyDto) => void;
  onRotate: (key: ApiKeyDto) => void;
  onRevoke: (key: ApiKeyDto) => void;
  busyKeyId: string | null;
};

export function ApiKeysTable({ keys, actions }: { keys: ApiKeyDto[]; actions: KeyActions }) {
  return (
    <table className="w-full table-fixed text-sm">
      <TableHead columns={COLUMNS} />
      <tbody className="divide-y divide-zinc-100">
        {keys.map((key) => {
          const live = key.status !== "revoked" && key.status !== "expired";
          return (
            <tr key={key.id} data-testid={`api-key-row-${key.id}`} aria-label={`API key ${key.name}`}>
              <td className="px-4 py-3">
                <span className="block truncate font-medium text-zinc-900">{key.name}</span>
                {key.customerId ? <span className="block truncate text-xs text-zinc-500">{key.customerId}</span> : null}
              </td>
              <td className="px-4 py-3">
                <code className="font-mono text-[12px] text-zinc-600">{key.displayPrefix}…</code>
              </td>
              <td className="truncate px-4 py-3 text-zinc-600">
                {key.usagePlans.length === 0 ? (
                  <span className="text-zinc-300">—</span>
                ) : (
                  key.usagePlans.map((plan, index) => (
                    <span key={plan.id}>
                      {index > 0 ? ", " : null}
                      <Link href={`/usage-plans/${plan.id}`} className="hover:underline">
                        {plan.name}
                      </Link>
                    </span>
                  ))
                )}
              </td>
              <td className="px-4 py-3">
                <KeyStatusBadge apiKey={key} />
              </td>
              <td className="px-4 py-3 text-zinc-500">
                <time dateTime={key.createdAt} title={formatDateTime(key.createdAt)}>
                  {formatRelative(key.createdAt)}
                </time>
              </td>
              <td className="px-4 py-2 text-right">
                {live ? (
                  <span className="inline-flex gap-1">
                    {key.status !== "expiring" ? (
                      <PermittedButton
                        size="sm"
                        variant="ghost"
                        loading={actions.busyKeyId === key.id}
                        onClick={() => actions.onToggle(key)}
                      >
                        {key.enabled ? "Disable" : "Enable"}
                      </PermittedButton>
                    ) : null}
                    {key.rotatedToId === null ? (
                      <PermittedButton size="sm" variant="ghost" onClick={() => actions.onRotate(key)}>
                        Rotate
                      </PermittedButton>
                    ) : null}
                    <PermittedButton
                      size="sm"
                      variant="ghost"
                      className="text-red-600 hover:text-red-700"
                      onClick={() => actions.onRevoke(key)}
                    >
                      Revoke
                    </PermittedButton>
                  </span>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ApiKeysTableSkeleton() {
  return (
    <div className="flex flex-col gap-3 p-4">
      {[0, 1, 2].map((row) => (
        <Skeleton key={row} className="h-6 w-full" />
      ))}
    </div>
  );
}
