"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense } from "react";

import { AuthCard } from "@/components/auth/auth-card";
import { AuthLink, NewAccountForm } from "@/components/auth/password-form";
import { apiRequest } from "@/components/lib/api-client";

export function SetupView() {
  return (
    <Suspense fallback={null}>
      <Setup />
    </Suspense>
  );
}

function Setup() {
  const code = useSearchParams().get("code")?.trim() ?? "";
  const router = useRouter();
  const queryClient = useQueryClient();
  if (code === "") {
    return (
      <AuthCard title="Set up Portico">
        <p className="text-sm text-zinc-600">
          This page needs the one-time setup link that <code className="font-mono text-[13px]">npm start</code> printed (
          <code className="font-mono text-[13px]">/setup?code=…</code>). The code is also in the{" "}
          <code className="font-mono text-[13px]">setup-code</code> file of the data folder.
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Create the first admin"
      intro="This account manages Portico: it can invite the rest of the team. The setup link works once."
      footer={
        <>
          Already set up? <AuthLink href="/sign-in">Sign in</AuthLink>
        </>
      }
    >
      <NewAccountForm
        submitLabel="Create admin and sign in"
        onSubmit={async ({ email, name, password }) => {
          await apiRequest("/api/v1/setup", { method: "POST", body: { code, email, name, password } });
          queryClient.clear();
          router.replace("/apis");
        }}
      />
    </AuthCard>
  );
}
