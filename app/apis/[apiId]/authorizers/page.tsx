import type { Metadata } from "next";

import { AuthorizersView } from "@/components/apis/authorizers-view";

export const metadata: Metadata = { title: "Authorizers" };

export default async function ApiAuthorizersPage({ params }: { params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  return <AuthorizersView apiId={apiId} />;
}
