"use client";

import { ChevronRight, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ApiSummary } from "@/components/apis/types";
import { formatDateTime, formatRelative } from "@/components/lib/format";
import { CopyButton } from "@/components/ui/copy-button";
import { Skeleton } from "@/components/ui/skeleton";
import { ACTIONS_LABEL, TableHead } from "@/components/ui/table-head";

const COLUMNS = [
  { label: "Name", className: "w-[28%]" },
  { label: "ID", className: "w-[18%]" },
  { label: "Description" },
  { label: "Created", className: "w-[16%]" },
  { label: ACTIONS_LABEL, className: "w-20" },
];

export function ApisTable({ apis, onDelete }: { apis: ApiSummary[]; onDelete: (api: ApiSummary) => void }) {
  const router = useRouter();
  return (
    <table className="w-full table-fixed text-sm">
      <TableHead columns={COLUMNS} />
      <tbody className="divide-y divide-zinc-100">
        {apis.map((api) => (
          <tr
            key={api.id}
            onClick={(event) => {
              // The whole row is a target, but inner buttons and links keep their own meaning.
              if ((event.target as HTMLElement).closest("a,button")) return;
              router.push(`/apis/${api.id}`);
            }}
            className="group cursor-pointer transition-colors hover:bg-zinc-50/80"
          >
            <td className="px-4 py-3">
              <Link href={`/apis/${api.id}`} className="block truncate font-medium text-zinc-900 hover:underline">
                {api.name}
              </Link>
            </td>
            <td className="px-4 py-3">
              <span className="inline-flex items-center gap-1">
                <code className="font-mono text-[12px] text-zinc-600">{api.id}</code>
                <CopyButton
                  value={api.id}
                  label={`Copy ID of ${api.name}`}
                  className="opacity-0 group-hover:opacity-100 focus:opacity-100"
                />
              </span>
            </td>
            <td className="truncate px-4 py-3 text-zinc-500">{api.description || <span className="text-zinc-300">—</span>}</td>
            <td className="px-4 py-3 text-zinc-500">
              <time dateTime={api.createdAt} title={formatDateTime(api.createdAt)}>
                {formatRelative(api.createdAt)}
              </time>
            </td>
            <td className="px-4 py-3">
              <div className="flex items-center justify-end gap-1">
                <button
                  type="button"
                  aria-label={`Delete ${api.name}`}
                  title="Delete API"
                  onClick={() => onDelete(api)}
                  className="rounded-md p-1.5 text-zinc-400 opacity-0 transition group-hover:opacity-100 hover:bg-red-50 hover:text-red-600 focus:opacity-100"
                >
                  <Trash2 aria-hidden className="size-4" />
                </button>
                <ChevronRight aria-hidden className="size-4 text-zinc-300 group-hover:text-zinc-500" />
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ApisTableSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading APIs">
      <div className="h-10 border-b border-zinc-100 bg-zinc-50/60" />
      {Array.from({ length: 5 }, (_, index) => (
        <div key={index} className="flex items-center gap-6 border-b border-zinc-100 px-4 py-3.5 last:border-0">
          <Skeleton className="h-4 w-[22%]" />
          <Skeleton className="h-4 w-[12%]" />
          <Skeleton className="h-4 flex-1" />
          <Skeleton className="h-4 w-[10%]" />
        </div>
      ))}
    </div>
  );
}
