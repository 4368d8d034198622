"use client";

import { useCallback, useId, useState, type ReactNode } from "react";
import { describeError } from "@/components/lib/api-client";
import { cn } from "@/components/lib/cn";
import { Button } from "./button";
import { Dialog, type DialogProps } from "./dialog";
import { FormAlert } from "./form-alert";

export type FormDialogProps = {
  open: boolean;
  /** Called when the person dismisses the dialog; never while its request runs. */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  size?: DialogProps["size"];
  submitLabel: ReactNode;
  submitIcon?: ReactNode;
  submitTone?: "primary" | "danger";
  submitDisabled?: boolean;
  cancelLabel?: string;
  /** Starts on Cancel, the safe choice, for confirmations with nothing to fill in. */
  focusCancel?: boolean;
  /** While a request runs, the dialog stays open and the buttons wait. */
  pending: boolean;
  /** A failure that is not about one field, shown above the buttons. */
  error: string | null;
  onSubmit: () => void;
  /** Classes for the form body (spacing, scrolling); replaces the default gap. */
  className?: string;
  children?: ReactNode;
};

/**
 * A form in a dialog: Enter or the submit button sends it, Cancel and Escape
 * close it unless a request is running, and a form-level failure shows above
 * the buttons. Fields, their messages and what submitting does belong to the caller.
 */
export function FormDialog({
  open,
  onClose,
  title,
  description,
  size,
  submitLabel,
  submitIcon,
  submitTone = "primary",
  submitDisabled,
  cancelLabel = "Cancel",
  focusCancel = false,
  pending,
  error,
  onSubmit,
  className,
  children,
}: FormDialogProps) {
  const formId = useId();
  const close = () => {
    if (!pending) onClose();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) close();
      }}
      title={title}
      description={description}
      size={size}
      dismissible={!pending}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={pending} data-autofocus={focusCancel ? "" : undefined}>
            {cancelLabel}
          </Button>
          <Button variant={submitTone} type="submit" form={formId} icon={submitIcon} loading={pending} disabled={submitDisabled}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        noValidate
        className={cn("flex flex-col", className ?? "gap-4")}
        onSubmit={(event) => {
          event.preventDefault();
          if (!pending && !submitDisabled) onSubmit();
        }}
      >
        {children}
        <FormAlert message={error} />
      </form>
    </Dialog>
  );
}

/** Pending state and failure message around one async action, for dialogs that call no mutation hook of their own. */
export function useDialogAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Runs `action`; true when it succeeded, otherwise its failure is in `error`. */
  const run = useCallback(async (action: () => unknown) => {
    setPending(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(describeError(caught));
      return false;
    } finally {
      setPending(false);
    }
  }, []);
  const reset = useCallback(() => setError(null), []);

  return { pending, error, run, reset };
}
