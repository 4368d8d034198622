"use client";

import { useState } from "react";

import { EMPTY_TOKEN_FORM, tokenBodyFromForm, type TokenForm } from "@/components/access/token-form";
import { useCreateTokenMutation } from "@/components/access/use-access-queries";
import { useMe } from "@/components/auth/use-me";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { useFormErrors } from "@/components/ui/form-errors";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ROLES, roleAtLeast, TOKEN_MAX_DAYS, type Role } from "@/lib/schemas/auth";

export function CreateTokenDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (name: string, value: string) => void;
}) {
  const me = useMe();
  const ownRole = me.data?.user.role;
  const create = useCreateTokenMutation();
  const [form, setForm] = useState<TokenForm>(EMPTY_TOKEN_FORM);
  const { errors, formError, reset, accept, fail } = useFormErrors();

  function close() {
    setForm(EMPTY_TOKEN_FORM);
    reset();
    onClose();
  }

  async function submit() {
    const { body, errors: invalid } = tokenBodyFromForm(form);
    if (!accept(invalid ?? {}) || body === null) return;
    try {
      const result = await create.mutateAsync(body);
      onCreated(result.token.name, result.token.value);
      close();
    } catch (error) {
      fail(error, { fallback: "Could not create the token." });
    }
  }

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New API token"
      description="The token is shown once, right after it is made."
      submitLabel="Create token"
      pending={create.isPending}
      error={formError}
      onSubmit={() => void submit()}
    >
      <Field label="Name" hint="What uses it, e.g. “deploy pipeline”." error={errors.name}>
        <Input autoFocus autoComplete="off" value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} />
      </Field>
      <Field label="Role" hint={ownRole ? `At most your own role, ${ownRole}.` : "At most your own role."} error={errors.role}>
        <Select
          // Until the person picks, the token gets their own role (the server's default too).
          value={form.role || ownRole || ""}
          disabled={ownRole === undefined}
          options={ROLES.map((value) => ({ value, label: value, disabled: ownRole === undefined || !roleAtLeast(ownRole, value) }))}
          onChange={(event) => setForm({ ...form, role: event.target.value as Role })}
        />
      </Field>
      <Field label="Expires after (days)" hint={`1 to ${TOKEN_MAX_DAYS} days.`} error={errors.expiresInDays}>
        <Input
          type="number"
          inputMode="numeric"
          min={1}
          max={TOKEN_MAX_DAYS}
          disabled={form.noExpiry}
          value={form.noExpiry ? "" : form.days}
          onChange={(event) => setForm({ ...form, days: event.target.value })}
        />
      </Field>
      <label className="flex items-center gap-2 text-[13px] text-zinc-700">
        <input type="checkbox" checked={form.noExpiry} onChange={(event) => setForm({ ...form, noExpiry: event.target.checked })} />
        No expiry (the token works until it is revoked)
      </label>
    </FormDialog>
  );
}

/** The new token's value, shown this once, with a curl line to try it. */
export function TokenValueDialog({ token, onClose }: { token: { name: string; value: string } | null; onClose: () => void }) {
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const curl = token ? `curl -H "Authorization: Bearer ${token.value}" ${origin}/api/v1/apis` : "";
  return (
    <Dialog
      open={token !== null}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={`Token ${token?.name ?? ""} created`}
      description="Copy it now: it is stored hashed and never shown again."
      footer={
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      }
    >
      <div className="flex flex-col gap-3">
        <div className="flex items-center gap-2 rounded-md bg-zinc-50 p-2 ring-1 ring-zinc-200">
          <code aria-label="Token value" className="min-w-0 flex-1 font-mono text-xs break-all text-zinc-800">
            {token?.value}
          </code>
          <CopyButton value={token?.value ?? ""} label="Copy token" />
        </div>
        <p className="text-xs text-zinc-500">Try it:</p>
        <div className="flex items-center gap-2 rounded-md bg-zinc-900 p-2">
          <code className="min-w-0 flex-1 font-mono text-xs break-all text-zinc-100">{curl}</code>
          <CopyButton value={curl} label="Copy curl command" className="text-zinc-300" />
        </div>
      </div>
    </Dialog>
  );
}
