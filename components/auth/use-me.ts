"use client";

import { useQuery } from "@tanstack/react-query";

import { apiRequest } from "@/components/lib/api-client";
import { useHydrated } from "@/components/lib/use-hydrated";
import type { MeDto } from "@/lib/schemas/auth";

export const ME_QUERY_KEY = ["auth", "me"] as const;

/**
 * The signed-in user (and how they are signed in), shared by every screen.
 * The server renders every screen without the user. The sidebar and top bar
 * can hydrate after a screen has already asked for the user and got the
 * answer, so until hydration is over this hook reports no user. Otherwise
 * the HTML would not match, and React would discard it (and any click on it).
 */
export function useMe(): { data: MeDto | undefined; isError: boolean; error: Error | null } {
  const query = useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: ({ signal }) => apiRequest<MeDto>("/api/v1/auth/me", { signal }),
    staleTime: 60_000,
  });
  const hydrated = useHydrated();
  if (!hydrated) return { data: undefined, isError: false, error: null };
  return { data: query.data, isError: query.isError, error: query.error };
}
