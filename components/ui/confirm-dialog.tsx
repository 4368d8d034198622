"use client";

import { useState, type ReactNode } from "react";
import { describeError } from "@/components/lib/api-client";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { Field } from "./field";
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
  onConfirm: () => Promise<unknown> | unknown;
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
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function change(next: boolean) {
    if (pending) return;
    if (!next) {
      setTyped("");
      setError(null);
    }
    onOpenChange(next);
  }

  const confirmed = confirmationText === undefined || typed === confirmationText;

  async function confirm() {
    if (!confirmed) return;
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      setTyped("");
      onOpenChange(false);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title={title}
      description={description}
      size="sm"
      dismissible={!pending}
      footer={
        <>
          {/* Without a name to type, focus starts on the safe choice. */}
          <Button variant="ghost" onClick={() => change(false)} disabled={pending} data-autofocus={confirmationText === undefined ? "" : undefined}>
            {cancelLabel}
          </Button>
          <Button variant={tone === "danger" ? "danger" : "primary"} onClick={confirm} loading={pending} disabled={!confirmed}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
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
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-100 ring-inset">
            {error}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
