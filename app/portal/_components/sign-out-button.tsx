"use client";

import { apiRequest } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";

import { fullLoad } from "./full-load";

export function SignOutButton() {
  return (
    <Button
      size="sm"
      variant="ghost"
      onClick={async () => {
        await apiRequest("/api/v1/portal/sign-out", { method: "POST" });
        fullLoad("/portal/sign-in");
      }}
    >
      Sign out
    </Button>
  );
}
