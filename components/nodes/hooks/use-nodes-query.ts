"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { apiRequest } from "@/components/lib/api-client";
import { fetchAllPages } from "@/components/lib/fetch-all-pages";
import type { GatewayNodeDto } from "@/lib/schemas/node";

export const nodeQueryKeys = {
  all: ["nodes"] as const,
  list: (probe: boolean) => [...nodeQueryKeys.all, { probe }] as const,
};

/** `probe`: ask every node what it serves (slower); without it, the nodes the console knows and their last recorded state. */
export function useNodesQuery(options: { probe: boolean; refetchIntervalMs?: number }) {
  return useQuery({
    queryKey: nodeQueryKeys.list(options.probe),
    queryFn: ({ signal }) => fetchAllPages<GatewayNodeDto>("/api/v1/nodes", { query: { probe: options.probe }, signal }),
    refetchInterval: options.refetchIntervalMs,
  });
}

/** Approve a registered node, or remove it with its admin token (admins). */
export function useNodeActionMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ nodeId, action }: { nodeId: string; action: "approve" | "remove" }) =>
      action === "approve"
        ? apiRequest<void>(`/api/v1/nodes/${encodeURIComponent(nodeId)}/approve`, { method: "POST" })
        : apiRequest<void>(`/api/v1/nodes/${encodeURIComponent(nodeId)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: nodeQueryKeys.all }),
  });
}
