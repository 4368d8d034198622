"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { apiRequest } from "@/components/lib/api-client";
import type {
  ConsumerDto,
  CreateListingBody,
  ListingDto,
  PendingRequestDto,
  PortalSettingsDto,
  UpdatePortalSettingsBody,
} from "@/lib/schemas/portal";

// The console's Developer portal page: settings, listings, the approval queue and consumers.

export const portalQueryKeys = {
  all: ["portal"] as const,
  settings: ["portal", "settings"] as const,
  listings: ["portal", "listings"] as const,
  requests: ["portal", "requests"] as const,
  consumers: ["portal", "consumers"] as const,
};

export type AdminConsumer = ConsumerDto & { activeKeys: number };

export function usePortalSettingsQuery() {
  return useQuery({
    queryKey: portalQueryKeys.settings,
    queryFn: ({ signal }) => apiRequest<{ settings: PortalSettingsDto }>("/api/v1/portal/settings", { signal }).then((r) => r.settings),
  });
}

export function useListingsQuery() {
  return useQuery({
    queryKey: portalQueryKeys.listings,
    queryFn: ({ signal }) => apiRequest<{ items: ListingDto[] }>("/api/v1/portal/listings", { signal }).then((r) => r.items),
  });
}

export function useRequestsQuery() {
  return useQuery({
    queryKey: portalQueryKeys.requests,
    queryFn: ({ signal }) => apiRequest<{ items: PendingRequestDto[] }>("/api/v1/portal/requests", { signal }).then((r) => r.items),
  });
}

export function useConsumersQuery() {
  return useQuery({
    queryKey: portalQueryKeys.consumers,
    queryFn: ({ signal }) => apiRequest<{ items: AdminConsumer[] }>("/api/v1/portal/consumers", { signal }).then((r) => r.items),
  });
}

/** Every change on the page refreshes all of it: a decision changes the queue, a disabled consumer the counts. */
function usePortalMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: portalQueryKeys.all }) });
}

export function useUpdateSettingsMutation() {
  return usePortalMutation((input: UpdatePortalSettingsBody) => apiRequest("/api/v1/portal/settings", { method: "PATCH", body: input }));
}

export function useCreateListingMutation() {
  return usePortalMutation((input: CreateListingBody) => apiRequest("/api/v1/portal/listings", { method: "POST", body: input }));
}

export function useDeleteListingMutation() {
  return usePortalMutation((listingId: string) => apiRequest(`/api/v1/portal/listings/${listingId}`, { method: "DELETE" }));
}

export function useDecideRequestMutation() {
  return usePortalMutation(({ requestId, decision, note }: { requestId: string; decision: "approve" | "reject"; note: string }) =>
    apiRequest(`/api/v1/portal/requests/${requestId}/${decision}`, { method: "POST", body: { note } }),
  );
}

export function useChangeConsumerMutation() {
  return usePortalMutation(({ consumerId, action }: { consumerId: string; action: "approve" | "reject" | "disable" | "enable" }) =>
    apiRequest(`/api/v1/portal/consumers/${consumerId}/${action}`, { method: "POST" }),
  );
}

export function useInviteConsumerMutation() {
  return usePortalMutation((email: string) =>
    apiRequest<{ invitationUrl: string; mailed: boolean }>("/api/v1/portal/invitations", { method: "POST", body: { email } }),
  );
}
