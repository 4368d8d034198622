"use client";

import { useState, type ReactNode } from "react";
import { Field } from "./field";
import { FormDialog, useDialogAction } from "./form-dialog";
import { Input } from "./input";

export type ConfirmDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** When set, the confirm button stays disabled until this exact text is typed. */
  confirmationText?: string;
  tone?: "danger" | "default";
  onConfirm: () => unknown;
};

// Destructive actions ask once, say what will be lost, and for the largest
// ones require the name to be typed so a stray click cannot delete a tree.
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  confirmationText,
  tone = "danger",
  onConfirm,
}: ConfirmDialogProps) {
  const [typed, setTyped] = useState("");
  const action = useDialogAction();
  const confirmed = confirmationText === undefined || typed === confirmationText;

  function close() {
    setTyped("");
    action.reset();
    onOpenChange(false);
  }

  async function confirm() {
    if (await action.run(onConfirm)) {
      setTyped("");
      onOpenChange(false);
    }
  }

  return (
    <FormDialog
      open={open}
      onClose={close}
      title={title}
      description={description}
      size="sm"
      submitLabel={confirmLabel}
      submitTone={tone === "danger" ? "danger" : "primary"}
      submitDisabled={!confirmed}
      cancelLabel={cancelLabel}
      // Without a name to type, focus starts on the safe choice.
      focusCancel={confirmationText === undefined}
      pending={action.pending}
      error={action.error}
      onSubmit={() => void confirm()}
    >
      {children}
      {confirmationText !== undefined ? (
        <Field
          label={
            <>
              Type <span className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[12px] text-zinc-900">{confirmationText}</span> to
              confirm
            </>
          }
        >
          <Input value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} autoFocus />
        </Field>
      ) : null}
    </FormDialog>
  );
}
