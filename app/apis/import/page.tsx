import type { Metadata } from "next";
import { ImportView } from "@/components/openapi/import-view";

export const metadata: Metadata = { title: "Import OpenAPI" };

export default function ImportOpenApiPage() {
  return <ImportView />;
}
