"use client";

import { useState } from "react";

import { useCreateTokenMutation } from "@/components/access/use-access-queries";
import { useMe } from "@/components/auth/use-me";
import { ApiError, describeError } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ROLES, roleAtLeast, TOKEN_MAX_DAYS, type Role } from "@/lib/schemas/auth";

const EXPIRY_OPTIONS = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: String(TOKEN_MAX_DAYS), label: `${TOKEN_MAX_DAYS} days` },
  { value: "never", label: "No expiry" },
];

export function CreateTokenDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (name: string, value: string) => void }) {
  const me = useMe();
  const ownRole = me.data?.user.role ?? "viewer";
  const create = useCreateTokenMutation();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [expires, setExpires] = useState("90");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  function close() {
    setName("");
    setRole("");
    setExpires("90");
    setFieldErrors({});
    setError(null);
    onClose();
  }

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New API token"
      description="The token is shown once, right after it is made."
      submitLabel="Create token"
      pending={create.isPending}
      error={error}
      onSubmit={() => {
        setError(null);
        create.mutate(
          { name, role: role || ownRole, expiresInDays: expires === "never" ? null : Number(expires) },
          {
            onSuccess: (result) => {
              onCreated(result.token.name, result.token.value);
              close();
            },
            onError: (failure) => {
              const onFields = failure instanceof ApiError ? failure.fieldErrors : {};
              setFieldErrors(onFields);
              if (Object.keys(onFields).length === 0) setError(describeError(failure));
            },
          },
        );
      }}
    >
      <Field label="Name" hint="What uses it, e.g. “deploy pipeline”." error={fieldErrors.name}>
        <Input autoFocus value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label="Role" hint="At most your own role." error={fieldErrors.role}>
        <Select
          value={role || ownRole}
          options={ROLES.map((value) => ({ value, label: value, disabled: !roleAtLeast(ownRole, value) }))}
          onChange={(event) => setRole(event.target.value as Role)}
        />
      </Field>
      <Field label="Expires after" error={fieldErrors.expiresInDays}>
        <Select value={expires} options={EXPIRY_OPTIONS} onChange={(event) => setExpires(event.target.value)} />
      </Field>
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
