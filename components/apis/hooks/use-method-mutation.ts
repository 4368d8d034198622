"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/components/lib/api-client";
import type { Method, MethodInput } from "../types";
import { resourceKeys } from "./use-resources-query";

const methodsUrl = (apiId: string, resourceId: string) =>
  `/api/v1/apis/${encodeURIComponent(apiId)}/resources/${encodeURIComponent(resourceId)}/methods`;

export function useCreateMethodMutation(apiId: string, resourceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput) =>
      apiRequest<{ method: Method }>(methodsUrl(apiId, resourceId), { method: "POST", body: input }).then((r) => r.method),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resourceKeys.all(apiId) }),
  });
}

export function useUpdateMethodMutation(apiId: string, resourceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ httpMethod, ...input }: MethodInput) =>
      apiRequest<{ method: Method }>(`${methodsUrl(apiId, resourceId)}/${encodeURIComponent(httpMethod)}`, {
        method: "PATCH",
        body: input,
      }).then((r) => r.method),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resourceKeys.all(apiId) }),
  });
}

export function useDeleteMethodMutation(apiId: string, resourceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (httpMethod: string) =>
      apiRequest<void>(`${methodsUrl(apiId, resourceId)}/${encodeURIComponent(httpMethod)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resourceKeys.all(apiId) }),
  });
}
