import type { Metadata } from "next";

import { NodesView } from "@/components/nodes/nodes-view";

export const metadata: Metadata = { title: "Gateway nodes" };

export default function Page() {
  return <NodesView />;
}
