"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense, useState, type FormEvent } from "react";

import { ApiError, apiRequest, describeError, type FieldErrors } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Input } from "@/components/ui/input";
import type { SignupMode } from "@/lib/schemas/portal";

import { fullLoad } from "../_components/full-load";
import { PortalCard } from "../_components/portal-card";

type SignUpAnswer = { signedIn: boolean; message: string };

const INTRO: Record<SignupMode, string> = {
  open: "Sign up to read the docs, get API keys and follow your usage.",
  approval: "Sign up to read the docs and get API keys; the team approves each new account.",
  invite: "Sign-up here takes an invitation: open the link you were given.",
};

export function PortalSignUpForm({ mode }: { mode: SignupMode }) {
  return (
    <Suspense fallback={null}>
      <SignUp mode={mode} />
    </Suspense>
  );
}

function SignUp({ mode }: { mode: SignupMode }) {
  const params = useSearchParams();
  const invitation = params.get("invitation") ?? undefined;
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [name, setName] = useState("");
  const [organization, setOrganization] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    setPending(true);
    try {
      const answer = await apiRequest<SignUpAnswer>("/api/v1/portal/sign-up", {
        method: "POST",
        body: { email, name, organization, password, ...(invitation ? { invitation } : {}) },
      });
      if (answer.signedIn) {
        fullLoad("/portal");
        return;
      }
      setDone(answer.message);
    } catch (failure) {
      if (failure instanceof ApiError) setFieldErrors(failure.fieldErrors);
      setError(describeError(failure));
    }
    setPending(false);
  }

  if (done !== null) {
    return (
      <PortalCard title="Thanks for signing up">
        <p className="text-sm text-zinc-600">{done}</p>
      </PortalCard>
    );
  }
  return (
    <PortalCard
      title="Create an account"
      intro={INTRO[mode]}
      footer={
        <>
          Have an account?{" "}
          <Link href="/portal/sign-in" className="font-medium text-zinc-900 underline">
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <FormAlert message={error} />
        <Field label="Name" error={fieldErrors.name}>
          <Input autoComplete="name" value={name} onChange={(event) => setName(event.target.value)} required />
        </Field>
        <Field label="Email" error={fieldErrors.email}>
          <Input type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.target.value)} required />
        </Field>
        <Field label="Organisation" aside="optional" error={fieldErrors.organization}>
          <Input autoComplete="organization" value={organization} onChange={(event) => setOrganization(event.target.value)} />
        </Field>
        <Field label="Password" hint="At least 12 characters." error={fieldErrors.password}>
          <Input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </Field>
        <Button type="submit" variant="primary" loading={pending}>
          Create account
        </Button>
      </form>
    </PortalCard>
  );
}
