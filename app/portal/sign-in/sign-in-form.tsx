"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense, useState, type FormEvent } from "react";

import { apiRequest, describeError } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Input } from "@/components/ui/input";

import { fullLoad } from "../_components/full-load";
import { PortalCard } from "../_components/portal-card";
import { safePortalNext } from "../_components/safe-portal-next";

export function PortalSignInForm() {
  return (
    <Suspense fallback={null}>
      <SignIn />
    </Suspense>
  );
}

function SignIn() {
  const params = useSearchParams();
  const next = safePortalNext(params.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setPending(true);
    try {
      await apiRequest("/api/v1/portal/sign-in", { method: "POST", body: { email, password } });
      fullLoad(next);
    } catch (failure) {
      setError(describeError(failure));
      setPending(false);
    }
  }

  return (
    <PortalCard
      title="Sign in"
      intro="Use your developer portal account."
      footer={
        <>
          New here?{" "}
          <Link href="/portal/sign-up" className="font-medium text-zinc-900 underline">
            Create an account
          </Link>
        </>
      }
    >
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <FormAlert message={error} />
        <Field label="Email">
          <Input type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.target.value)} required />
        </Field>
        <Field label="Password">
          <Input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </Field>
        <Button type="submit" variant="primary" loading={pending}>
          Sign in
        </Button>
      </form>
    </PortalCard>
  );
}
