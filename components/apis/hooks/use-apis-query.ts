"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/components/lib/api-client";
import type { UpdateApiBody } from "@/lib/schemas/api";
import type { ApiSummary, Page } from "../types";

export const API_PAGE_SIZE = 25;

export const apiQueryKeys = {
  all: ["apis"] as const,
  lists: () => [...apiQueryKeys.all, "list"] as const,
  list: (q: string) => [...apiQueryKeys.lists(), { q }] as const,
  detail: (apiId: string) => [...apiQueryKeys.all, "detail", apiId] as const,
};

export function useApisQuery(q: string) {
  return useInfiniteQuery({
    queryKey: apiQueryKeys.list(q),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<ApiSummary>>("/api/v1/apis", { query: { q, cursor: pageParam, limit: API_PAGE_SIZE }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Keep the previous results on screen while a new search loads.
    placeholderData: (previous) => previous,
  });
}

export function useApiQuery(apiId: string) {
  return useQuery({
    queryKey: apiQueryKeys.detail(apiId),
    queryFn: ({ signal }) => apiRequest<{ api: ApiSummary }>(`/api/v1/apis/${encodeURIComponent(apiId)}`, { signal }).then((r) => r.api),
  });
}

export function useCreateApiMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; description?: string }) =>
      apiRequest<{ api: ApiSummary }>("/api/v1/apis", { method: "POST", body: input }).then((r) => r.api),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiQueryKeys.lists() }),
  });
}

export function useDeleteApiMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (apiId: string) => apiRequest<void>(`/api/v1/apis/${encodeURIComponent(apiId)}`, { method: "DELETE" }),
    onSuccess: (_data, apiId) => {
      queryClient.removeQueries({ queryKey: apiQueryKeys.detail(apiId) });
      return queryClient.invalidateQueries({ queryKey: apiQueryKeys.lists() });
    },
  });
}

export function useUpdateApiMutation(apiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateApiBody) =>
      apiRequest<{ api: ApiSummary }>(`/api/v1/apis/${encodeURIComponent(apiId)}`, { method: "PATCH", body: input }).then((r) => r.api),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiQueryKeys.all }),
  });
}
