"use client";

import { useState, type FormEvent } from "react";

import { useMe } from "@/components/auth/use-me";
import { TopBar } from "@/components/layout/page-header";
import { apiRequest, describeError } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { useFormErrors } from "@/components/ui/form-errors";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { PASSWORD_MIN_LENGTH } from "@/lib/schemas/auth";

export function AccountView() {
  const me = useMe();
  return (
    <>
      <TopBar crumbs={[{ label: "Account" }]} />
      <main className="mx-auto w-full max-w-2xl flex-1 px-6 py-8">
        <h1 className="text-xl font-semibold tracking-tight text-zinc-900">Your account</h1>
        {me.data ? (
          <dl className="mt-6 grid grid-cols-[8rem_1fr] gap-y-2 rounded-lg bg-white p-5 text-sm ring-1 ring-zinc-200">
            <dt className="text-zinc-500">Name</dt>
            <dd className="text-zinc-900">{me.data.user.name || "—"}</dd>
            <dt className="text-zinc-500">Email</dt>
            <dd className="text-zinc-900">{me.data.user.email}</dd>
            <dt className="text-zinc-500">Role</dt>
            <dd className="text-zinc-900">{me.data.user.role}</dd>
          </dl>
        ) : me.isError ? (
          <div className="mt-6">
            <FormAlert message={describeError(me.error)} />
          </div>
        ) : (
          <Skeleton className="mt-6 h-28" />
        )}
        {me.data?.passwordSignIn === false ? (
          <p className="mt-8 text-sm text-zinc-500">You sign in through single sign-on; your password is managed there.</p>
        ) : (
          <ChangePassword />
        )}
      </main>
    </>
  );
}

function ChangePassword() {
  const toast = useToast();
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [confirm, setConfirm] = useState("");
  const { errors: fieldErrors, formError, accept, fail } = useFormErrors();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!accept(newPassword === confirm ? {} : { confirm: "The two passwords differ" })) return;
    setPending(true);
    try {
      await apiRequest("/api/v1/auth/password", { method: "POST", body: { currentPassword, newPassword } });
      setCurrent("");
      setNew("");
      setConfirm("");
      toast({ title: "Password changed", description: "Your other sessions were signed out." });
    } catch (error) {
      fail(error, { fallback: "The password could not be changed; try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="mt-8">
      <h2 className="text-sm font-semibold text-zinc-900">Change password</h2>
      <form onSubmit={(event) => void submit(event)} className="mt-4 flex max-w-sm flex-col gap-4" noValidate>
        <Field label="Current password" error={fieldErrors.currentPassword}>
          <Input
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </Field>
        <Field label="New password" hint={`At least ${PASSWORD_MIN_LENGTH} characters.`} error={fieldErrors.newPassword}>
          <Input type="password" autoComplete="new-password" value={newPassword} onChange={(event) => setNew(event.target.value)} />
        </Field>
        <Field label="Confirm new password" error={fieldErrors.confirm}>
          <Input type="password" autoComplete="new-password" value={confirm} onChange={(event) => setConfirm(event.target.value)} />
        </Field>
        <FormAlert message={formError} />
        <Button type="submit" variant="primary" loading={pending} className="self-start">
          Change password
        </Button>
      </form>
    </section>
  );
}
