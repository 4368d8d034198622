"use client";

import { useState, type FormEvent, type ReactNode } from "react";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { useFormErrors } from "@/components/ui/form-errors";
import { Input } from "@/components/ui/input";
import { PASSWORD_MIN_LENGTH } from "@/lib/schemas/auth";

export type PasswordFormValues = { email: string; name: string; password: string };

/**
 * The form of first-run setup and of accepting an invitation: name, email
 * (fixed when invited), a new password typed twice. Server errors land on
 * their field, the rest above the button.
 */
export function NewAccountForm({
  fixedEmail,
  initialName = "",
  submitLabel,
  onSubmit,
}: {
  fixedEmail?: string;
  initialName?: string;
  submitLabel: string;
  onSubmit: (values: PasswordFormValues) => Promise<void>;
}) {
  const [name, setName] = useState(initialName);
  const [email, setEmail] = useState(fixedEmail ?? "");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const { errors: fieldErrors, formError, accept, fail } = useFormErrors();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!accept(password === confirm ? {} : { confirm: "The two passwords differ" })) return;
    setPending(true);
    try {
      await onSubmit({ email, name, password });
    } catch (error) {
      fail(error, { fallback: "The account could not be created; try again." });
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-4" noValidate>
      <Field label="Name" aside="optional" error={fieldErrors.name}>
        <Input autoComplete="name" value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label="Email" error={fieldErrors.email}>
        <Input
          type="email"
          autoComplete="username"
          required
          value={email}
          readOnly={fixedEmail !== undefined}
          onChange={(event) => setEmail(event.target.value)}
        />
      </Field>
      <Field
        label="Password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters; a few words make a strong one.`}
        error={fieldErrors.password}
      >
        <Input
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </Field>
      <Field label="Confirm password" error={fieldErrors.confirm}>
        <Input type="password" autoComplete="new-password" required value={confirm} onChange={(event) => setConfirm(event.target.value)} />
      </Field>
      <FormAlert message={formError} />
      <Button type="submit" variant="primary" loading={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}

export function AuthLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} className="font-medium text-zinc-700 underline-offset-2 hover:text-zinc-900 hover:underline">
      {children}
    </a>
  );
}
