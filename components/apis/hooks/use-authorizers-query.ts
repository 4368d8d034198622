"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/components/lib/api-client";
import type { AuthorizerBodyInput, AuthorizerDto, TestAuthorizerResult } from "@/lib/schemas/authorizer";
import { apiQueryKeys } from "./use-apis-query";

export const authorizerKeys = {
  all: (apiId: string) => [...apiQueryKeys.detail(apiId), "authorizers"] as const,
};

const base = (apiId: string) => `/api/v1/apis/${encodeURIComponent(apiId)}/authorizers`;

export function useAuthorizersQuery(apiId: string) {
  return useQuery({
    queryKey: authorizerKeys.all(apiId),
    queryFn: ({ signal }) => apiRequest<{ items: AuthorizerDto[] }>(base(apiId), { signal }).then((list) => list.items),
  });
}

/** Creates (no id) or replaces (with the id) an authorizer. */
export function useSaveAuthorizerMutation(apiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: AuthorizerBodyInput }) =>
      apiRequest<{ authorizer: AuthorizerDto }>(id === null ? base(apiId) : `${base(apiId)}/${encodeURIComponent(id)}`, {
        method: id === null ? "POST" : "PUT",
        body,
      }).then((answer) => answer.authorizer),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authorizerKeys.all(apiId) }),
  });
}

export function useDeleteAuthorizerMutation(apiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`${base(apiId)}/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authorizerKeys.all(apiId) }),
  });
}

export function useTestAuthorizerMutation(apiId: string) {
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id: string;
      body: {
        headers: Record<string, string>;
        queryStringParameters: Record<string, string>;
        path: string;
        method: string;
        scopes: string[];
      };
    }) =>
      apiRequest<{ result: TestAuthorizerResult }>(`${base(apiId)}/${encodeURIComponent(id)}/test`, { method: "POST", body }).then(
        (answer) => answer.result,
      ),
  });
}
