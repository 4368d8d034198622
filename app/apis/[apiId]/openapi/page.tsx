import type { Metadata } from "next";
import { OpenApiTab } from "@/components/openapi/openapi-tab";

export const metadata: Metadata = { title: "OpenAPI" };

export default async function ApiOpenApiPage({ params }: { params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  // One editor state per API: switching APIs must never carry a document or its draft across.
  return <OpenApiTab key={apiId} apiId={apiId} />;
}
