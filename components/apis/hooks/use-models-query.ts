"use client";

import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/components/lib/api-client";
import type { ApiModel, Page } from "../types";
import { apiQueryKeys } from "./use-apis-query";

export const modelKeys = {
  all: (apiId: string) => [...apiQueryKeys.detail(apiId), "models"] as const,
};

export function useModelsQuery(apiId: string) {
  return useQuery({
    queryKey: modelKeys.all(apiId),
    queryFn: ({ signal }) =>
      apiRequest<Page<ApiModel>>(`/api/v1/apis/${encodeURIComponent(apiId)}/models`, { signal }).then((page) => page.items),
  });
}
