"use client";

import { TableHead } from "@/components/ui/table-head";
import { Skeleton } from "@/components/ui/skeleton";
import type { TopTraffic } from "@/lib/schemas/traffic";

export function formatMs(value: number | null): string {
  if (value === null) return "–";
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

/** The busiest routes or API keys of a range, with their errors and latency. */
export function TopTrafficTable({ title, data, loading }: { title: string; data: TopTraffic | undefined; loading: boolean }) {
  const by = data?.by ?? "route";
  const label = (item: TopTraffic["items"][number]) =>
    item.key === null ? (by === "route" ? "No matching route" : "No API key") : by === "apiKey" ? (item.name ?? item.key) : item.key;
  return (
    <section aria-label={title} className="rounded-xl bg-white shadow-xs ring-1 ring-zinc-200">
      <h3 className="px-4 pt-3 pb-2 text-[13px] font-semibold text-zinc-900">{title}</h3>
      {loading ? (
        <Skeleton className="mx-4 mb-4 h-20" />
      ) : !data || data.items.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-zinc-500">No requests in this range.</p>
      ) : (
        <table className="w-full text-[13px]">
          <TableHead
            columns={[
              { label: by === "route" ? "Route" : "API key" },
              { label: "Requests", className: "text-right" },
              { label: "4xx", className: "text-right" },
              { label: "5xx", className: "text-right" },
              { label: "p50", className: "text-right" },
              { label: "p99", className: "text-right" },
            ]}
          />
          <tbody>
            {data.items.map((item) => (
              <tr key={item.key ?? ""} className="border-t border-zinc-100">
                <td className="max-w-64 truncate px-4 py-2 font-mono text-[12px] text-zinc-800" title={item.key ?? undefined}>
                  {label(item)}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{item.count}</td>
                <td className="px-4 py-2 text-right text-amber-700 tabular-nums">{item.status4xx}</td>
                <td className="px-4 py-2 text-right text-rose-700 tabular-nums">{item.status5xx}</td>
                <td className="px-4 py-2 text-right tabular-nums">{formatMs(item.latencyP50Ms)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{formatMs(item.latencyP99Ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
