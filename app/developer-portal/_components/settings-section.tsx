"use client";

import { useState, type FormEvent } from "react";

import { usePortalSettingsQuery, useUpdateSettingsMutation } from "@/components/portal/use-portal-admin-queries";
import { ApiError, describeError, type FieldErrors } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import type { PortalSettingsDto, SignupMode } from "@/lib/schemas/portal";

import { Section } from "./section";

export function SettingsSection() {
  const settings = usePortalSettingsQuery();
  return (
    <Section title="Settings" description="The portal's brand, its welcome text, and who may sign up.">
      {settings.isPending ? <Skeleton className="h-48" /> : settings.data ? <SettingsForm settings={settings.data} /> : null}
    </Section>
  );
}

function SettingsForm({ settings }: { settings: PortalSettingsDto }) {
  const update = useUpdateSettingsMutation();
  const [name, setName] = useState(settings.name);
  const [logoUrl, setLogoUrl] = useState(settings.logoUrl ?? "");
  const [accentColor, setAccentColor] = useState(settings.accentColor);
  const [intro, setIntro] = useState(settings.intro);
  const [signupMode, setSignupMode] = useState<SignupMode>(settings.signupMode);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    setSaved(false);
    try {
      await update.mutateAsync({ name, logoUrl: logoUrl.trim() || null, accentColor, intro, signupMode });
      setSaved(true);
    } catch (failure) {
      if (failure instanceof ApiError) setFieldErrors(failure.fieldErrors);
      setError(describeError(failure));
    }
  }

  return (
    <form onSubmit={save} aria-label="Portal settings" className="flex max-w-2xl flex-col gap-4">
      <FormAlert message={error} />
      <Field label="Name" error={fieldErrors.name}>
        <Input value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label="Logo URL" aside="optional" hint="https://… or a path on this site such as /logo.svg" error={fieldErrors.logoUrl}>
        <Input value={logoUrl} onChange={(event) => setLogoUrl(event.target.value)} />
      </Field>
      <Field label="Accent colour" hint="#rrggbb" error={fieldErrors.accentColor}>
        <Input value={accentColor} onChange={(event) => setAccentColor(event.target.value)} className="w-32 font-mono" />
      </Field>
      <Field label="Intro" aside="optional" error={fieldErrors.intro}>
        <Textarea value={intro} onChange={(event) => setIntro(event.target.value)} rows={3} />
      </Field>
      <Field
        label="Sign-up"
        hint={
          settings.mail
            ? "Mail is configured: new accounts confirm their address."
            : "No SMTP_URL: nothing is mailed; invitation links are shown here."
        }
      >
        <Select
          value={signupMode}
          onChange={(event) => setSignupMode(event.target.value as SignupMode)}
          options={[
            { value: "open", label: "Open: anyone may sign up" },
            { value: "approval", label: "Approval: an admin approves each account" },
            { value: "invite", label: "Invite: only with a link made here" },
          ]}
        />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" loading={update.isPending}>
          Save settings
        </Button>
        {saved ? (
          <span role="status" className="text-sm text-zinc-500">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}
