"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiQueryKeys } from "@/components/apis/hooks/use-apis-query";
import { fetchExport, importDocument, type ImportMode, type ImportOutcome } from "../openapi-http";

export const openapiKeys = {
  all: (apiId: string) => ["openapi", apiId] as const,
  /** The API's definition as the OpenAPI 3.0 YAML the editor starts from. */
  document: (apiId: string) => [...openapiKeys.all(apiId), "document"] as const,
  /** The report of the last import into this API from this browser tab, shown after navigating to it. */
  lastImport: (apiId: string) => [...openapiKeys.all(apiId), "last-import"] as const,
};

export const EDITOR_EXPORT = { format: "oas30", extensions: "aws", type: "yaml" } as const;

export function useApiDocumentQuery(apiId: string) {
  return useQuery({
    queryKey: openapiKeys.document(apiId),
    queryFn: ({ signal }) => fetchExport(apiId, EDITOR_EXPORT, signal).then((result) => result.text),
    // The editor takes the document once, when it opens; a cached copy from an
    // earlier visit could be older than the API.
    gcTime: 0,
    refetchOnMount: "always",
  });
}

export type LastImport = ImportOutcome & { mode: ImportMode; at: string };

export function useLastImport(apiId: string) {
  return useQuery<LastImport | null>({
    queryKey: openapiKeys.lastImport(apiId),
    queryFn: () => null,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** Imports a document (new API, merge or overwrite) and refreshes everything the other tabs show about the API. */
export function useImportDocumentMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { text: string; mode: ImportMode; apiId?: string; failOnWarnings?: boolean }) => importDocument(input),
    onSuccess: async (outcome, input) => {
      queryClient.setQueryData<LastImport>(openapiKeys.lastImport(outcome.api.id), {
        ...outcome,
        mode: input.mode,
        at: new Date().toISOString(),
      });
      // The detail key prefixes the resource tree and models keys the Resources tab reads.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: apiQueryKeys.detail(outcome.api.id) }),
        queryClient.invalidateQueries({ queryKey: apiQueryKeys.lists() }),
      ]);
    },
  });
}
