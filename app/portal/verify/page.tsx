import type { Metadata } from "next";

import { VerifyEmail } from "./verify-email";

export const metadata: Metadata = { title: "Confirm your address" };

export default function Page() {
  return <VerifyEmail />;
}
