import type { Metadata } from "next";

import { AcceptInvitationView } from "./_components/accept-invitation-view";

export const metadata: Metadata = { title: "Accept invitation" };

export default function Page() {
  return <AcceptInvitationView />;
}
