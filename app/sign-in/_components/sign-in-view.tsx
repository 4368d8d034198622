"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { LogIn } from "lucide-react";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState, type FormEvent } from "react";

import { AuthCard } from "@/components/auth/auth-card";
import { safeNext } from "@/components/auth/safe-next";
import { apiRequest, describeError } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import type { AuthConfigDto } from "@/lib/schemas/auth";

export function SignInView() {
  return (
    <Suspense fallback={null}>
      <SignIn />
    </Suspense>
  );
}

function SignIn() {
  const params = useSearchParams();
  const next = safeNext(params.get("next"));
  const router = useRouter();
  const queryClient = useQueryClient();
  const config = useQuery({
    queryKey: ["auth", "config"],
    queryFn: ({ signal }) => apiRequest<AuthConfigDto>("/api/v1/auth/config", { signal }),
  });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // A failed single sign-on comes back here with its reason.
  const [error, setError] = useState<string | null>(params.get("error"));
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setPending(true);
    try {
      await apiRequest("/api/v1/auth/sign-in", { method: "POST", body: { email, password } });
      queryClient.clear();
      router.replace(next);
    } catch (failure) {
      setError(describeError(failure));
      setPending(false);
    }
  }

  if (config.isPending) {
    return (
      <AuthCard title="Sign in to Portico">
        <Skeleton className="h-40" />
      </AuthCard>
    );
  }
  const settings = config.data;
  if (settings && !settings.setUp) {
    return (
      <AuthCard title="Portico is not set up yet">
        <p className="text-sm text-zinc-600">
          No one can sign in until the first admin is created. Open the setup link that{" "}
          <code className="font-mono text-[13px]">npm start</code> printed, or read the code from the{" "}
          <code className="font-mono text-[13px]">setup-code</code> file in the data folder.
        </p>
      </AuthCard>
    );
  }
  const passwordSignIn = settings?.passwordSignIn ?? true;
  return (
    <AuthCard title="Sign in to Portico">
      <div className="flex flex-col gap-4">
        {settings?.oidc ? (
          <a
            href={`/api/v1/auth/oidc/start?next=${encodeURIComponent(next)}`}
            className="inline-flex h-9 items-center justify-center gap-2 rounded-md bg-white px-3.5 text-sm font-medium text-zinc-900 shadow-xs ring-1 ring-zinc-200 ring-inset hover:bg-zinc-50"
          >
            <LogIn aria-hidden className="size-4" />
            Sign in with single sign-on
          </a>
        ) : null}
        {settings?.oidc && passwordSignIn ? <p className="text-center text-xs text-zinc-400">or with your password</p> : null}
        {passwordSignIn ? (
          <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-4" noValidate>
            <Field label="Email">
              <Input
                type="email"
                autoComplete="username"
                required
                autoFocus
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            </Field>
            <Field label="Password">
              <Input
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </Field>
            <FormAlert message={error} />
            <Button type="submit" variant="primary" loading={pending}>
              Sign in
            </Button>
          </form>
        ) : (
          <FormAlert message={error} />
        )}
        {config.isError ? <FormAlert message={describeError(config.error)} /> : null}
      </div>
    </AuthCard>
  );
}
