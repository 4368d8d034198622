import type { Metadata } from "next";

import { UsagePlanDetailPage } from "./_components/usage-plan-detail-page";

export const metadata: Metadata = { title: "Usage plan" };

export default async function Page({ params }: { params: Promise<{ usagePlanId: string }> }) {
  const { usagePlanId } = await params;
  return <UsagePlanDetailPage usagePlanId={usagePlanId} />;
}
