"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";

import { apiRequest } from "@/components/lib/api-client";
import type { Metrics, RecordedRequestPage, TopTraffic } from "@/lib/schemas/traffic";

import { rangeWindow, type TrafficRange } from "../traffic-ranges";

/** Dashboards read again this often; each read also asks the console to collect from the nodes. */
export const TRAFFIC_REFRESH_MS = 30_000;

/** A stage, or every stage of the API when `stage` is null. */
export type TrafficScope = { apiId: string; stage: string | null };

export type RequestFilter = {
  from?: string;
  to?: string;
  status?: string;
  route?: string;
  method?: string;
  apiKeyId?: string;
  requestId?: string;
};

export const trafficQueryKeys = {
  all: (apiId: string) => ["apis", "detail", apiId, "traffic"] as const,
  metrics: (scope: TrafficScope, range: string) => [...trafficQueryKeys.all(scope.apiId), "metrics", scope.stage ?? "", range] as const,
  top: (scope: TrafficScope, range: string, by: string) =>
    [...trafficQueryKeys.all(scope.apiId), "top", scope.stage ?? "", range, by] as const,
  requests: (apiId: string, stage: string, filter: RequestFilter) => [...trafficQueryKeys.all(apiId), "requests", stage, filter] as const,
};

function scopePath({ apiId, stage }: TrafficScope): string {
  const api = `/api/v1/apis/${encodeURIComponent(apiId)}`;
  return stage === null ? api : `${api}/stages/${encodeURIComponent(stage)}`;
}

export function useMetricsQuery(scope: TrafficScope, range: TrafficRange, enabled = true) {
  return useQuery({
    enabled,
    queryKey: trafficQueryKeys.metrics(scope, range.id),
    queryFn: ({ signal }) =>
      apiRequest<Metrics>(`${scopePath(scope)}/metrics`, { query: { ...rangeWindow(range, Date.now()), step: range.step }, signal }),
    refetchInterval: TRAFFIC_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useTopTrafficQuery(scope: TrafficScope, range: TrafficRange, by: "route" | "apiKey", enabled = true) {
  return useQuery({
    enabled,
    queryKey: trafficQueryKeys.top(scope, range.id, by),
    queryFn: ({ signal }) =>
      apiRequest<TopTraffic>(`${scopePath(scope)}/metrics/top`, { query: { ...rangeWindow(range, Date.now()), by, limit: 10 }, signal }),
    refetchInterval: TRAFFIC_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export const REQUESTS_PAGE_SIZE = 50;

export function useRecentRequestsQuery(apiId: string, stage: string, filter: RequestFilter) {
  return useInfiniteQuery({
    queryKey: trafficQueryKeys.requests(apiId, stage, filter),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<RecordedRequestPage>(`${scopePath({ apiId, stage })}/requests`, {
        query: { ...filter, cursor: pageParam, limit: REQUESTS_PAGE_SIZE },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}
