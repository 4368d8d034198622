"use client";

import { useQuery } from "@tanstack/react-query";

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
