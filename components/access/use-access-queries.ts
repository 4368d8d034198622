"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { apiRequest } from "@/components/lib/api-client";
import { fetchAllPages } from "@/components/lib/fetch-all-pages";
import type { AuditEventDto } from "@/lib/schemas/audit";
import type { ApiTokenDto, CreateTokenBody, CreateUserBody, UpdateUserBody, UserDto } from "@/lib/schemas/auth";
import type { Page } from "@/lib/schemas/common";

// Users, API tokens and the audit log: the queries and changes behind the
// Users, Tokens and Audit pages.

export const accessQueryKeys = {
  users: ["users"] as const,
  tokens: ["tokens"] as const,
  audit: (filter: AuditFilter) => ["audit-events", filter] as const,
};

/** Every user; admins only, so other screens pass `enabled: false` rather than draw a 403. */
export function useUsersQuery({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: accessQueryKeys.users,
    enabled,
    // Teams are small: the page shows everyone, however many pages the API takes.
    queryFn: async ({ signal }): Promise<Page<UserDto>> => ({
      items: await fetchAllPages<UserDto>("/api/v1/users", { signal }),
      nextCursor: null,
    }),
  });
}

export function useInviteUserMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserBody) =>
      apiRequest<{ user: UserDto; invitationUrl: string }>("/api/v1/users", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accessQueryKeys.users }),
  });
}

const userPath = (userId: string) => `/api/v1/users/${encodeURIComponent(userId)}`;

export function useReinviteUserMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiRequest<{ user: UserDto; invitationUrl: string }>(`${userPath(userId)}/invitation`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accessQueryKeys.users }),
  });
}

export function useUpdateUserMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, input }: { userId: string; input: UpdateUserBody }) =>
      apiRequest<{ user: UserDto }>(userPath(userId), { method: "PATCH", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accessQueryKeys.users }),
  });
}

export function useDeleteUserMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => apiRequest<void>(userPath(userId), { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accessQueryKeys.users }),
  });
}

export function useTokensQuery() {
  return useQuery({
    queryKey: accessQueryKeys.tokens,
    queryFn: async ({ signal }): Promise<Page<ApiTokenDto>> => ({
      items: await fetchAllPages<ApiTokenDto>("/api/v1/tokens", { signal }),
      nextCursor: null,
    }),
  });
}

export function useCreateTokenMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTokenBody) =>
      apiRequest<{ token: ApiTokenDto & { value: string } }>("/api/v1/tokens", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accessQueryKeys.tokens }),
  });
}

export function useRevokeTokenMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => apiRequest<void>(`/api/v1/tokens/${encodeURIComponent(tokenId)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accessQueryKeys.tokens }),
  });
}

export type AuditFilter = { actor?: string; action?: string; targetType?: string; targetId?: string; since?: string; until?: string };

export const AUDIT_PAGE_SIZE = 50;

export function useAuditEventsQuery(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: accessQueryKeys.audit(filter),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<AuditEventDto>>("/api/v1/audit-events", { query: { ...filter, cursor: pageParam, limit: AUDIT_PAGE_SIZE }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}
