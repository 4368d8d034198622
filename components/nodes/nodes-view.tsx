"use client";

import { RefreshCw, Server } from "lucide-react";
import { useState } from "react";

import { PermittedButton } from "@/components/auth/permitted-button";
import { TopBar } from "@/components/layout/page-header";
import { describeError } from "@/components/lib/api-client";
import { formatRelative } from "@/components/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import type { GatewayNodeDto } from "@/lib/schemas/node";

import { useNodeActionMutation, useNodesQuery } from "./hooks/use-nodes-query";

/** Every gateway node, what it serves per stage against what it should, with stale and unreachable nodes flagged. */
export function NodesView() {
  const nodes = useNodesQuery({ probe: true, refetchIntervalMs: 15_000 });
  return (
    <>
      <TopBar
        crumbs={[{ label: "Gateway nodes" }]}
        actions={
          <Button
            size="sm"
            icon={<RefreshCw aria-hidden className="size-3.5" />}
            onClick={() => void nodes.refetch()}
            loading={nodes.isFetching}
          >
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
  const action = useNodeActionMutation();
  const toast = useToast();
  const [removing, setRemoving] = useState(false);
  async function run(kind: "approve" | "remove") {
    try {
      await action.mutateAsync({ nodeId: node.id, action: kind });
      toast({ title: kind === "approve" ? `${node.name} approved: it receives the current state` : `${node.name} removed` });
    } catch (error) {
      toast({ tone: "error", title: `Could not ${kind} ${node.name}`, description: describeError(error) });
    }
  }
  return (
    <section aria-label={`Node ${node.name}`} data-node={node.name} className="rounded-xl bg-white p-4 shadow-xs ring-1 ring-zinc-200">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="flex items-center gap-2 text-[15px] font-semibold text-zinc-900">
            {node.name}
            <Badge tone={node.source === "CONFIG" ? "neutral" : "sky"}>{node.source === "CONFIG" ? "configured" : "registered"}</Badge>
            {!node.approved ? (
              <Badge tone="amber">awaiting approval</Badge>
            ) : !node.reachable ? (
              <Badge tone="red">unreachable</Badge>
            ) : node.stale ? (
              <Badge tone="amber">stale</Badge>
            ) : (
              <Badge tone="green">in sync</Badge>
            )}
          </h2>
          <p className="mt-0.5 font-mono text-[12px] text-zinc-500">{node.adminUrl}</p>
        </div>
        <div className="flex items-center gap-2">
          <p className="text-[12px] text-zinc-500">{node.lastSeenAt ? `last seen ${formatRelative(node.lastSeenAt)}` : "never seen"}</p>
          {node.source === "REGISTERED" && !node.approved ? (
            <PermittedButton action="administer" size="sm" variant="primary" loading={action.isPending} onClick={() => void run("approve")}>
              Approve
            </PermittedButton>
          ) : null}
          {node.source === "REGISTERED" ? (
            <PermittedButton action="administer" size="sm" variant="ghost" onClick={() => setRemoving(true)}>
              Remove
            </PermittedButton>
          ) : null}
        </div>
      </div>
      <ConfirmDialog
        open={removing}
        onOpenChange={setRemoving}
        title={`Remove ${node.name}?`}
        description="The console forgets the node and its admin token and sends it nothing more. If it registers again, it waits for approval again."
        confirmLabel="Remove node"
        onConfirm={async () => {
          await run("remove");
          setRemoving(false);
        }}
      />
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
