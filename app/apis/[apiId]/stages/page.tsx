import type { Metadata } from "next";

import { StagesView } from "@/components/stages/stages-view";

export const metadata: Metadata = { title: "Stages" };

export default async function ApiStagesPage({ params }: { params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  return <StagesView apiId={apiId} />;
}
