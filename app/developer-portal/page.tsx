import type { Metadata } from "next";

import { PortalAdminPage } from "./_components/portal-admin-page";

export const metadata: Metadata = { title: "Developer portal" };

export default function Page() {
  return <PortalAdminPage />;
}
