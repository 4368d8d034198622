"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";
import { useQuery } from "@tanstack/react-query";

import { apiRequest } from "@/components/lib/api-client";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * The listing's OpenAPI document rendered by Scalar's reference. Its own
 * request client is hidden: it would call the gateway from the browser,
 * which the API's CORS policy may refuse; the try-it panel above calls
 * through the portal instead. Fonts, telemetry and the AI agent are off, so
 * the page reaches no other site.
 */
export function ScalarReference({ listingId }: { listingId: string }) {
  const document = useQuery({
    queryKey: ["portal", "listings", listingId, "openapi"],
    queryFn: ({ signal }) => apiRequest<Record<string, unknown>>(`/api/v1/portal/catalog/${listingId}/openapi`, { signal }),
  });
  if (document.isPending) return <Skeleton className="h-96" />;
  if (document.isError)
    return <ErrorState title="The reference could not be loaded" error={document.error} onRetry={() => document.refetch()} />;
  return (
    // Paint containment keeps the reference's fixed-position parts (search, dialogs) inside this box.
    <div data-testid="reference-docs" className="[contain:paint]">
      <ApiReferenceReact
        configuration={{
          content: document.data,
          layout: "classic",
          showSidebar: false,
          hideSearch: true,
          hideTestRequestButton: true,
          hideClientButton: true,
          hideDarkModeToggle: true,
          withDefaultFonts: false,
          telemetry: false,
          documentDownloadType: "json",
          showDeveloperTools: "never",
          agent: { disabled: true },
          mcp: { disabled: true },
        }}
      />
    </div>
  );
}
