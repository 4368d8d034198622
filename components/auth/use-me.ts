"use client";

import { useQuery } from "@tanstack/react-query";

import { apiRequest } from "@/components/lib/api-client";
import type { MeDto } from "@/lib/schemas/auth";

export const ME_QUERY_KEY = ["auth", "me"] as const;

/** The signed-in user (and how they are signed in), shared by every screen. */
export function useMe() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: ({ signal }) => apiRequest<MeDto>("/api/v1/auth/me", { signal }),
    staleTime: 60_000,
  });
}
