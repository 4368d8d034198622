"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/components/lib/api-client";
import type { Page, ResourceDetail, ResourceSummary } from "../types";
import { apiQueryKeys } from "./use-apis-query";

export const resourceKeys = {
  all: (apiId: string) => [...apiQueryKeys.detail(apiId), "resources"] as const,
  tree: (apiId: string) => [...resourceKeys.all(apiId), "tree"] as const,
  detail: (apiId: string, resourceId: string) => [...resourceKeys.all(apiId), "detail", resourceId] as const,
};

const base = (apiId: string) => `/api/v1/apis/${encodeURIComponent(apiId)}/resources`;

/** The whole resource tree as a flat list (the API returns every resource when no limit is given). */
export function useResourcesQuery(apiId: string) {
  return useQuery({
    queryKey: resourceKeys.tree(apiId),
    queryFn: ({ signal }) => apiRequest<Page<ResourceSummary>>(base(apiId), { signal }).then((page) => page.items),
  });
}

export function useResourceQuery(apiId: string, resourceId: string | null) {
  return useQuery({
    queryKey: resourceKeys.detail(apiId, resourceId ?? ""),
    queryFn: ({ signal }) =>
      apiRequest<{ resource: ResourceDetail }>(`${base(apiId)}/${encodeURIComponent(resourceId ?? "")}`, { signal }).then(
        (r) => r.resource,
      ),
    enabled: resourceId !== null,
  });
}

export function useCreateResourceMutation(apiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { parentId: string; pathPart: string }) =>
      apiRequest<{ resource: ResourceSummary }>(base(apiId), { method: "POST", body: input }).then((r) => r.resource),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resourceKeys.all(apiId) }),
  });
}

export function useRenameResourceMutation(apiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { resourceId: string; pathPart: string }) =>
      apiRequest<{ resource: ResourceSummary }>(`${base(apiId)}/${encodeURIComponent(input.resourceId)}`, {
        method: "PATCH",
        body: { pathPart: input.pathPart },
      }).then((r) => r.resource),
    // Renaming changes every descendant's path, so the whole tree is stale.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resourceKeys.all(apiId) }),
  });
}

export function useDeleteResourceMutation(apiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { resourceId: string; recursive: boolean }) =>
      apiRequest<void>(`${base(apiId)}/${encodeURIComponent(input.resourceId)}`, {
        method: "DELETE",
        query: { recursive: input.recursive ? "true" : undefined },
      }),
    // Also on failure: a 409 has_children means the tree changed elsewhere, and
    // the confirmation should show the children it would now remove.
    onSettled: () => queryClient.invalidateQueries({ queryKey: resourceKeys.all(apiId) }),
  });
}
