"use client";

import { X } from "lucide-react";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "@/components/lib/cn";

// Built on the native <dialog> element opened with showModal(): the browser
// makes the rest of the page inert (a real focus trap), closes it on Escape,
// and returns focus to the control that opened it.
export type DialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  size?: "sm" | "md" | "lg";
  /** Set while a request runs so Escape cannot abandon it half-way. */
  dismissible?: boolean;
};

const widths = { sm: "max-w-md", md: "max-w-lg", lg: "max-w-2xl" };

const FOCUSABLE = 'a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]:not([tabindex="-1"])';

export function Dialog({ open, onOpenChange, title, description, children, footer, size = "md", dismissible = true }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // React applies autoFocus while the dialog is still closed, so the browser
      // would then focus the close button: start on the first field (or the
      // element marked data-autofocus) instead.
      dialog
        .querySelector<HTMLElement>(
          "[data-autofocus], input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])",
        )
        ?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        // Keep React the owner of the open state: Escape asks, the parent decides.
        event.preventDefault();
        if (dismissible) onOpenChange(false);
      }}
      onKeyDown={(event) => {
        // A modal dialog makes the page inert, but Tab can still leave for the
        // browser's own controls; wrap it around inside the dialog instead.
        if (event.key !== "Tab") return;
        const focusable = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
          (element) => !element.hasAttribute("disabled") && element.getClientRects().length > 0,
        );
        if (focusable.length === 0) return;
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget && dismissible) onOpenChange(false);
      }}
      className={cn(
        "m-auto w-[calc(100%-2rem)] overflow-visible rounded-xl bg-transparent p-0 text-zinc-900 open:animate-pop-in",
        widths[size],
      )}
    >
      {open ? (
        <div className="rounded-xl bg-white shadow-2xl ring-1 ring-zinc-900/10">
          <div className="flex items-start justify-between gap-4 px-5 pt-5">
            <div className="min-w-0">
              <h2 id={titleId} className="text-[15px] font-semibold text-zinc-900">
                {title}
              </h2>
              {description ? (
                <div id={descriptionId} className="mt-1 text-sm text-zinc-500">
                  {description}
                </div>
              ) : null}
            </div>
            <button
              type="button"
              aria-label="Close"
              disabled={!dismissible}
              onClick={() => onOpenChange(false)}
              className="-mt-1 -mr-1 rounded-md p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 disabled:opacity-40"
            >
              <X aria-hidden className="size-4" />
            </button>
          </div>
          <div className="px-5 pt-4 pb-5">{children}</div>
          {footer ? (
            <div className="flex items-center justify-end gap-2 rounded-b-xl border-t border-zinc-100 bg-zinc-50/70 px-5 py-3">
              {footer}
            </div>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}
