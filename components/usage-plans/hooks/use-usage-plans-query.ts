"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { apiRequest } from "@/components/lib/api-client";
import { fetchAllPages } from "@/components/lib/fetch-all-pages";
import type { StageDto } from "@/lib/schemas/stage";
import type { CreateUsagePlanBody, NodeOutcome, UpdateUsagePlanBody, UsagePlanDto, UsageReport } from "@/lib/schemas/usage-plan";

export const usagePlanQueryKeys = {
  all: ["usage-plans"] as const,
  list: () => [...usagePlanQueryKeys.all, "list"] as const,
  detail: (id: string) => [...usagePlanQueryKeys.all, "detail", id] as const,
  usage: (id: string) => [...usagePlanQueryKeys.all, "usage", id] as const,
  stages: (apiId: string) => ["apis", "detail", apiId, "stages"] as const,
};

/** Every plan (forms pick from them, so every page is read). */
export function useUsagePlansQuery() {
  return useQuery({
    queryKey: usagePlanQueryKeys.list(),
    queryFn: ({ signal }) => fetchAllPages<UsagePlanDto>("/api/v1/usage-plans", { signal }),
  });
}

export function useUsagePlanQuery(usagePlanId: string) {
  return useQuery({
    queryKey: usagePlanQueryKeys.detail(usagePlanId),
    queryFn: ({ signal }) =>
      apiRequest<{ usagePlan: UsagePlanDto }>(`/api/v1/usage-plans/${encodeURIComponent(usagePlanId)}`, { signal }).then(
        (r) => r.usagePlan,
      ),
  });
}

export const USAGE_RANGES = [7, 30] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];

/** The plan's usage over the last `range` days (UTC, today included), refreshed while the page is open. */
export function useDailyUsageQuery(usagePlanId: string, range: UsageRange) {
  return useQuery({
    // Under the plan's usage key, so whatever invalidates usage refreshes every range.
    queryKey: [...usagePlanQueryKeys.usage(usagePlanId), { range }],
    queryFn: ({ signal }) => {
      const end = new Date();
      const start = new Date(end.getTime() - (range - 1) * 86_400_000);
      return apiRequest<UsageReport>(`/api/v1/usage-plans/${encodeURIComponent(usagePlanId)}/usage`, {
        query: { startDate: start.toISOString().slice(0, 10), endDate: end.toISOString().slice(0, 10) },
        signal,
      });
    },
    refetchInterval: 10_000,
  });
}

/** The deployed stages of an API, for the stage picker. */
export function useStagesQuery(apiId: string | null) {
  return useQuery({
    queryKey: usagePlanQueryKeys.stages(apiId ?? ""),
    enabled: apiId !== null && apiId !== "",
    queryFn: ({ signal }) => fetchAllPages<StageDto>(`/api/v1/apis/${encodeURIComponent(apiId ?? "")}/stages`, { signal }),
  });
}

type PlanChange = { usagePlan: UsagePlanDto; nodes: NodeOutcome[] };

export function useSaveUsagePlanMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ usagePlanId, input }: { usagePlanId: string | null; input: CreateUsagePlanBody | UpdateUsagePlanBody }) =>
      usagePlanId === null
        ? apiRequest<PlanChange>("/api/v1/usage-plans", { method: "POST", body: input })
        : apiRequest<PlanChange>(`/api/v1/usage-plans/${encodeURIComponent(usagePlanId)}`, { method: "PATCH", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usagePlanQueryKeys.all }),
  });
}

export function useDeleteUsagePlanMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (usagePlanId: string) =>
      apiRequest<{ nodes: NodeOutcome[] }>(`/api/v1/usage-plans/${encodeURIComponent(usagePlanId)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usagePlanQueryKeys.all }),
  });
}
