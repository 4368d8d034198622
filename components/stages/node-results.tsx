"use client";

import { CheckCircle2, CircleDashed, Clock, XCircle } from "lucide-react";

import type { NodePushResultDto } from "@/lib/schemas/deployment";

export type NodeRow = { id: string; name: string; result: NodePushResultDto | null };

/** Each gateway node's part of a push: pending while the request runs, then applied (hash, time), failed or timed out with the reason. */
export function NodeResults({ rows }: { rows: NodeRow[] }) {
  if (rows.length === 0) {
    return (
      <p className="text-[13px] text-zinc-500">
        No gateway nodes are configured or registered, so nothing serves this stage yet. Set GATEWAY_NODES or start a node that registers.
      </p>
    );
  }
  return (
    <ul aria-label="Gateway nodes" className="divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200">
      {rows.map((row) => (
        <li
          key={row.id}
          data-node={row.name}
          data-status={row.result?.status ?? "pending"}
          className="flex items-start gap-2.5 px-3 py-2 text-[13px]"
        >
          <StatusIcon status={row.result?.status ?? "pending"} />
          <div className="min-w-0 flex-1">
            <div className="flex items-center justify-between gap-2">
              <span className="truncate font-medium text-zinc-800">{row.name}</span>
              <span className="shrink-0 text-zinc-500">
                {row.result === null ? "pending" : row.result.status === "applied" ? `applied in ${row.result.ms} ms` : row.result.status}
              </span>
            </div>
            {row.result?.hash ? <code className="block truncate font-mono text-[11px] text-zinc-500">{row.result.hash}</code> : null}
            {row.result?.error ? <p className="mt-0.5 text-[12px] text-red-600">{row.result.error}</p> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

function StatusIcon({ status }: { status: NodePushResultDto["status"] | "pending" }) {
  if (status === "applied") return <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600" />;
  if (status === "failed") return <XCircle aria-hidden className="mt-0.5 size-4 shrink-0 text-red-600" />;
  if (status === "timeout") return <Clock aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600" />;
  return <CircleDashed aria-hidden className="mt-0.5 size-4 shrink-0 animate-spin text-zinc-400" />;
}

export function resultsToRows(results: NodePushResultDto[]): NodeRow[] {
  return results.map((result) => ({ id: result.id, name: result.name, result }));
}
