"use client";

import { useRouter } from "next/navigation";

import { apiRequest } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const router = useRouter();
  return (
    <Button
      size="sm"
      variant="ghost"
      onClick={async () => {
        await apiRequest("/api/v1/portal/sign-out", { method: "POST" });
        router.replace("/portal/sign-in");
        router.refresh();
      }}
    >
      Sign out
    </Button>
  );
}
