import type { Metadata } from "next";
import { Suspense } from "react";

import { TrafficDashboard } from "@/components/traffic/traffic-dashboard";

export const metadata: Metadata = { title: "Traffic" };

export default async function ApiTrafficPage({ params }: { params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  // The dashboard reads its stage and range from the query string.
  return (
    <Suspense>
      <TrafficDashboard apiId={apiId} />
    </Suspense>
  );
}
