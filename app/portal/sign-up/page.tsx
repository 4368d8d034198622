import type { Metadata } from "next";

import { getPortalSettings } from "@/lib/server/portal/settings";

import { PortalSignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function Page() {
  const { signupMode } = await getPortalSettings();
  return <PortalSignUpForm mode={signupMode} />;
}
