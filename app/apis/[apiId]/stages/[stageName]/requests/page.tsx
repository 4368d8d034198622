import type { Metadata } from "next";
import { Suspense } from "react";

import { RequestExplorer } from "@/components/traffic/request-explorer";

export const metadata: Metadata = { title: "Requests" };

export default async function StageRequestsPage({ params }: { params: Promise<{ apiId: string; stageName: string }> }) {
  const { apiId, stageName } = await params;
  // The explorer reads its filters from the query string.
  return (
    <Suspense>
      <RequestExplorer apiId={apiId} stage={decodeURIComponent(stageName)} />
    </Suspense>
  );
}
