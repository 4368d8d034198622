import type { Metadata } from "next";

import { UsagePlansPage } from "./_components/usage-plans-page";

export const metadata: Metadata = { title: "Usage plans" };

export default function Page() {
  return <UsagePlansPage />;
}
