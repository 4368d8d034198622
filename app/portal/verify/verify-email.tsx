"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";

import { apiRequest, describeError } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";

import { PortalCard } from "../_components/portal-card";

export function VerifyEmail() {
  return (
    <Suspense fallback={null}>
      <Verify />
    </Suspense>
  );
}

// Confirming takes a click rather than happening on load, so that mail
// scanners that open links do not confirm addresses for people.
function Verify() {
  const code = useSearchParams().get("code") ?? "";
  const [state, setState] = useState<"idle" | "pending" | "done">("idle");
  const [error, setError] = useState<string | null>(null);
  return (
    <PortalCard title="Confirm your address">
      {state === "done" ? (
        <p className="text-sm text-zinc-600">
          Your address is confirmed.{" "}
          <Link href="/portal/sign-in" className="font-medium text-zinc-900 underline">
            Sign in
          </Link>
        </p>
      ) : (
        <div className="flex flex-col gap-4">
          <FormAlert message={error} />
          <Button
            variant="primary"
            loading={state === "pending"}
            onClick={async () => {
              setState("pending");
              setError(null);
              try {
                await apiRequest("/api/v1/portal/verify", { method: "POST", body: { code } });
                setState("done");
              } catch (failure) {
                setError(describeError(failure));
                setState("idle");
              }
            }}
          >
            Confirm my address
          </Button>
        </div>
      )}
    </PortalCard>
  );
}
