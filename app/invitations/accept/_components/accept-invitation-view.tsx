"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense } from "react";

import { AuthCard } from "@/components/auth/auth-card";
import { AuthLink, NewAccountForm } from "@/components/auth/password-form";
import { apiRequest, describeError } from "@/components/lib/api-client";
import { FormAlert } from "@/components/ui/form-alert";
import { Skeleton } from "@/components/ui/skeleton";

export function AcceptInvitationView() {
  return (
    <Suspense fallback={null}>
      <AcceptInvitation />
    </Suspense>
  );
}

function AcceptInvitation() {
  const code = useSearchParams().get("code")?.trim() ?? "";
  const router = useRouter();
  const queryClient = useQueryClient();
  const invitation = useQuery({
    queryKey: ["invitation", code],
    enabled: code !== "",
    queryFn: ({ signal }) =>
      apiRequest<{ invitation: { email: string; name: string } }>("/api/v1/invitations", { query: { code }, signal }),
  });
  const signInLink = (
    <>
      Have an account? <AuthLink href="/sign-in">Sign in</AuthLink>
    </>
  );
  if (code === "" || invitation.isError) {
    return (
      <AuthCard title="This invitation cannot be used" footer={signInLink}>
        <FormAlert
          message={code === "" ? "The link has no invitation code; open the whole link you were given." : describeError(invitation.error)}
        />
      </AuthCard>
    );
  }
  if (invitation.isPending) {
    return (
      <AuthCard title="Join Portico">
        <Skeleton className="h-64" />
      </AuthCard>
    );
  }
  const { email, name } = invitation.data.invitation;
  return (
    <AuthCard title="Join Portico" intro={`You were invited as ${email}. Choose a password to finish.`} footer={signInLink}>
      <NewAccountForm
        fixedEmail={email}
        initialName={name}
        submitLabel="Set password and sign in"
        onSubmit={async ({ name: chosenName, password }) => {
          await apiRequest("/api/v1/invitations/accept", { method: "POST", body: { code, name: chosenName, password } });
          queryClient.clear();
          router.replace("/apis");
        }}
      />
    </AuthCard>
  );
}
