"use client";

import { RefreshCw, Server } from "lucide-react";

import { TopBar } from "@/components/layout/page-header";
import { formatRelative } from "@/components/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { GatewayNodeDto } from "@/lib/schemas/node";

import { useNodesQuery } from "./hooks/use-nodes-query";

/** Every gateway node, what it serves per stage against what it should, with stale and unreachable nodes flagged. */
export function NodesView() {
  const nodes = useNodesQuery({ probe: true, refetchIntervalMs: 15_000 });
  return (
    <>
      <TopBar
        crumbs={[{ label: "Gateway nodes" }]}
        actions={
          <Button size="sm" icon={<RefreshCw aria-hidden className="size-3.5" />} onClick={() => void nodes.refetch()} loading={nodes.isFetching}>
            Check now
          </Button>
        }
      />
      <main className="mx-auto w-full max-w-5xl space-y-4 px-6 py-6">
        {nodes.isError ? (
          <ErrorState title="Could not load the gateway nodes" error={nodes.error} onRetry={() => void nodes.refetch()} />
        ) : nodes.isPending ? (
          <Skeleton className="h-32 w-full" />
        ) : nodes.data.length === 0 ? (
          <EmptyState
            icon={<Server className="size-5" />}
            title="No gateway nodes"
            description="List nodes in GATEWAY_NODES, or start nodes with CONTROL_PLANE_URL and GATEWAY_REGISTRATION_TOKEN so they register themselves."
          />
        ) : (
          nodes.data.map((node) => <NodeCard key={node.id} node={node} />)
        )}
      </main>
    </>
  );
}

function NodeCard({ node }: { node: GatewayNodeDto }) {
  return (
    <section aria-label={`Node ${node.name}`} data-node={node.name} className="rounded-xl bg-white p-4 shadow-xs ring-1 ring-zinc-200">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="flex items-center gap-2 text-[15px] font-semibold text-zinc-900">
            {node.name}
            <Badge tone={node.source === "CONFIG" ? "neutral" : "sky"}>{node.source === "CONFIG" ? "configured" : "registered"}</Badge>
            {!node.reachable ? <Badge tone="red">unreachable</Badge> : node.stale ? <Badge tone="amber">stale</Badge> : <Badge tone="green">in sync</Badge>}
          </h2>
          <p className="mt-0.5 font-mono text-[12px] text-zinc-500">{node.adminUrl}</p>
        </div>
        <p className="text-[12px] text-zinc-500">{node.lastSeenAt ? `last seen ${formatRelative(node.lastSeenAt)}` : "never seen"}</p>
      </div>
      {node.lastError ? <p className="mt-2 text-[13px] text-red-600">{node.lastError}</p> : null}
      {node.stages.length > 0 ? (
        <table className="mt-3 w-full text-left text-[13px]">
          <thead className="text-[12px] text-zinc-500">
            <tr>
              <th className="py-1 font-medium">API / stage</th>
              <th className="py-1 font-medium">Serves</th>
              <th className="py-1 font-medium">Expected</th>
              <th className="py-1 font-medium" />
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {node.stages.map((stage) => (
              <tr key={`${stage.apiId}/${stage.stage}`}>
                <td className="py-1.5 font-mono text-zinc-700">
                  {stage.apiId}/{stage.stage}
                </td>
                <td className="py-1.5 font-mono text-zinc-500">{stage.servedHash?.slice(0, 12) ?? "—"}</td>
                <td className="py-1.5 font-mono text-zinc-500">{stage.expectedHash?.slice(0, 12) ?? "—"}</td>
                <td className="py-1.5">{stage.inSync ? <Badge tone="green">ok</Badge> : <Badge tone="amber">stale</Badge>}</td>
              </tr>
            ))}
            <tr>
              <td className="py-1.5 text-zinc-700">API keys and usage plans</td>
              <td className="py-1.5 font-mono text-zinc-500">{node.consumers.servedHash?.slice(0, 12) ?? "—"}</td>
              <td className="py-1.5 font-mono text-zinc-500">{node.consumers.expectedHash?.slice(0, 12) ?? "—"}</td>
              <td className="py-1.5">{node.consumers.inSync ? <Badge tone="green">ok</Badge> : <Badge tone="amber">stale</Badge>}</td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="mt-2 text-[13px] text-zinc-500">Nothing is deployed yet.</p>
      )}
    </section>
  );
}
