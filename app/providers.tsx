"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { isPublicPage } from "@/components/auth/public-pages";
import { ApiError } from "@/components/lib/api-client";
import { ToastProvider } from "@/components/ui/toast";

// Retrying cannot fix an answer that says "you may not", "there is nothing
// here" or "your input is wrong": it only delays the message people need.
const NON_RETRYABLE_STATUSES = new Set([400, 401, 403, 404, 409, 422]);

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && NON_RETRYABLE_STATUSES.has(error.status)) return false;
  return failureCount < 2;
}

/** A session that ended (signed out elsewhere, expired, user disabled) sends the page to sign-in, to come back here after. */
function signInAgainOn401(navigate: (path: string) => void) {
  return (error: unknown): void => {
    if (!(error instanceof ApiError) || error.status !== 401 || typeof window === "undefined") return;
    const { pathname, search } = window.location;
    if (isPublicPage(pathname)) return;
    navigate(`/sign-in?next=${encodeURIComponent(pathname + search)}`);
  };
}

function createQueryClient(navigate: (path: string) => void): QueryClient {
  const onError = signInAgainOn401(navigate);
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      // Data is stale at once: other people and scripts change APIs too, and a
      // screen that opens should show the server's current answer (cached
      // data stays on screen while it refreshes).
      queries: { retry: shouldRetry, staleTime: 0, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab, created lazily so that server rendering never
  // shares a cache between requests.
  const router = useRouter();
  const [queryClient] = useState(() => createQueryClient((path) => router.replace(path)));
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
