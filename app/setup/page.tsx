import type { Metadata } from "next";

import { SetupView } from "./_components/setup-view";

export const metadata: Metadata = { title: "Set up Portico" };

export default function Page() {
  return <SetupView />;
}
