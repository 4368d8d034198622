import type { Metadata } from "next";

import { PortalSignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default function Page() {
  return <PortalSignInForm />;
}
