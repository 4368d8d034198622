"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchAllPages } from "@/components/lib/fetch-all-pages";
import type { ApiModel } from "../types";
import { apiQueryKeys } from "./use-apis-query";

export const modelKeys = {
  all: (apiId: string) => [...apiQueryKeys.detail(apiId), "models"] as const,
};

export function useModelsQuery(apiId: string) {
  return useQuery({
    queryKey: modelKeys.all(apiId),
    queryFn: ({ signal }) => fetchAllPages<ApiModel>(`/api/v1/apis/${encodeURIComponent(apiId)}/models`, { signal }),
  });
}
