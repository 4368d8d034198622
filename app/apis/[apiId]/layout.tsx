import type { ReactNode } from "react";
import { ApiShell } from "./_components/api-shell";

export default async function ApiLayout({ children, params }: { children: ReactNode; params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  return <ApiShell apiId={apiId}>{children}</ApiShell>;
}
