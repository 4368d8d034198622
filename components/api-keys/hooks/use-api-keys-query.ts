"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";

import { usagePlanQueryKeys } from "@/components/usage-plans/hooks/use-usage-plans-query";
import { ApiError, apiRequest } from "@/components/lib/api-client";
import type { ApiKeyDto, CreateApiKeyBody, ImportApiKeysResult, IssuedApiKeyDto, UpdateApiKeyBody } from "@/lib/schemas/api-key";
import type { Page } from "@/lib/schemas/common";
import type { NodeOutcome } from "@/lib/schemas/usage-plan";

export const apiKeyQueryKeys = {
  all: ["api-keys"] as const,
  list: (filter: { usagePlanId?: string }) => [...apiKeyQueryKeys.all, "list", filter] as const,
};

export const API_KEY_PAGE_SIZE = 50;

export function useApiKeysQuery(filter: { usagePlanId?: string } = {}) {
  return useInfiniteQuery({
    queryKey: apiKeyQueryKeys.list(filter),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<ApiKeyDto>>("/api/v1/api-keys", {
        query: { cursor: pageParam, limit: API_KEY_PAGE_SIZE, usagePlanId: filter.usagePlanId },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

function useInvalidateKeys() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: apiKeyQueryKeys.all }),
      // Plans show their key counts and usage.
      queryClient.invalidateQueries({ queryKey: usagePlanQueryKeys.all }),
    ]);
}

const keyPath = (apiKeyId: string) => `/api/v1/api-keys/${encodeURIComponent(apiKeyId)}`;

export function useIssueApiKeyMutation() {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: (input: CreateApiKeyBody) =>
      apiRequest<{ apiKey: IssuedApiKeyDto; nodes: NodeOutcome[] }>("/api/v1/api-keys", { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateApiKeyMutation() {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: ({ apiKeyId, input }: { apiKeyId: string; input: UpdateApiKeyBody }) =>
      apiRequest<{ apiKey: ApiKeyDto; nodes: NodeOutcome[] }>(keyPath(apiKeyId), { method: "PATCH", body: input }),
    onSuccess: invalidate,
  });
}

export function useRevokeApiKeyMutation() {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: (apiKeyId: string) =>
      apiRequest<{ apiKey: ApiKeyDto; nodes: NodeOutcome[] }>(`${keyPath(apiKeyId)}/revoke`, { method: "POST" }),
    onSuccess: invalidate,
  });
}

export function useRotateApiKeyMutation() {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: ({ apiKeyId, gracePeriodSeconds }: { apiKeyId: string; gracePeriodSeconds: number }) =>
      apiRequest<{ apiKey: IssuedApiKeyDto; previous: ApiKeyDto; nodes: NodeOutcome[] }>(`${keyPath(apiKeyId)}/rotate`, {
        method: "POST",
        body: { gracePeriodSeconds },
      }),
    onSuccess: invalidate,
  });
}

export type ImportOutcome =
  { ok: true; result: ImportApiKeysResult } | { ok: false; message: string; lines: { line: string; message: string }[] };

/** CSV goes up as text/csv, which the JSON client does not send; a refused import is an answer, not an error. */
export function useImportApiKeysMutation() {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: async ({ csv, failOnWarnings }: { csv: string; failOnWarnings: boolean }): Promise<ImportOutcome> => {
      const response = await fetch(`/api/v1/api-keys/import?failOnWarnings=${failOnWarnings}`, {
        method: "POST",
        headers: { "content-type": "text/csv", accept: "application/json" },
        body: csv,
      });
      const body = (await response.json().catch(() => null)) as
        | (ImportApiKeysResult & { error?: undefined })
        | { error?: { message?: string; details?: { path: string; message: string }[] } }
        | null;
      if (response.ok && body && !("error" in body && body.error)) return { ok: true, result: body as ImportApiKeysResult };
      const error = body && "error" in body ? body.error : undefined;
      if (response.status === 422 || response.status === 400) {
        return {
          ok: false,
          message: error?.message ?? "The file was refused.",
          lines: (error?.details ?? []).map((detail) => ({ line: detail.path, message: detail.message })),
        };
      }
      throw new ApiError({
        status: response.status,
        code: "import_failed",
        message: error?.message ?? `The server answered ${response.status}.`,
      });
    },
    onSuccess: invalidate,
  });
}
