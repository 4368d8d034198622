"use client";

import { useState } from "react";

import { useInviteUserMutation } from "@/components/access/use-access-queries";
import { ApiError, describeError } from "@/components/lib/api-client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ROLES, type Role } from "@/lib/schemas/auth";

/** Invites a person by email with a role; the one-time link is handed back to show. */
export function InviteUserDialog({
  open,
  onClose,
  onInvited,
}: {
  open: boolean;
  onClose: () => void;
  onInvited: (email: string, url: string) => void;
}) {
  const invite = useInviteUserMutation();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("developer");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  function close() {
    setEmail("");
    setName("");
    setRole("developer");
    setFieldErrors({});
    setError(null);
    onClose();
  }

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="Invite a user"
      description="You get a one-time link, valid for 7 days, to pass on. No mail server is needed."
      submitLabel="Invite"
      pending={invite.isPending}
      error={error}
      onSubmit={() => {
        setError(null);
        invite.mutate(
          { email, name: name || undefined, role },
          {
            onSuccess: (result) => {
              onInvited(result.user.email, result.invitationUrl);
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
      <Field label="Email" error={fieldErrors.email}>
        <Input type="email" autoFocus value={email} onChange={(event) => setEmail(event.target.value)} />
      </Field>
      <Field label="Name" aside="optional" error={fieldErrors.name}>
        <Input value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label="Role" error={fieldErrors.role}>
        <Select
          value={role}
          options={ROLES.map((value) => ({ value, label: value }))}
          onChange={(event) => setRole(event.target.value as Role)}
        />
      </Field>
    </FormDialog>
  );
}

/** The invitation link, shown this once. */
export function InvitationLinkDialog({ link, onClose }: { link: { email: string; url: string } | null; onClose: () => void }) {
  return (
    <Dialog
      open={link !== null}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={`Invitation for ${link?.email ?? ""}`}
      description="Send this link to them. It works once, for 7 days; it is not shown again (make a new one from the list if it is lost)."
      footer={
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      }
    >
      <div className="flex items-center gap-2 rounded-md bg-zinc-50 p-2 ring-1 ring-zinc-200">
        <code aria-label="Invitation link" className="min-w-0 flex-1 font-mono text-xs break-all text-zinc-800">
          {link?.url}
        </code>
        <CopyButton value={link?.url ?? ""} label="Copy invitation link" />
      </div>
    </Dialog>
  );
}
