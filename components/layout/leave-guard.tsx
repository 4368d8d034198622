"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

// Lost edits are the complaint people remember. While a page holds edits the
// server does not have, every way of leaving it asks first: following a link
// inside the console (sidebar, breadcrumbs, tabs), an in-page action that
// replaces the form, reloading or closing the tab.

/** What the confirmation says; each page names what would be lost. */
export type LeavePrompt = {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "default";
};

export type LeaveGuardHandle = {
  /** Tells the guard whether there is something to lose. */
  setDirty: (dirty: boolean) => void;
  /** Runs `action` at once when nothing is unsaved, otherwise after the person agrees to leave. */
  guard: (action: () => void) => void;
  /** The confirmation dialog: render it once, anywhere. */
  dialog: ReactNode;
};

export function useLeaveGuard(prompt: LeavePrompt): LeaveGuardHandle {
  const router = useRouter();
  const [pending, setPending] = useState<(() => void) | null>(null);
  // The listeners read a ref, not state: a reload right after "Saved" appears
  // must not be stopped by a listener that a later effect would have removed.
  const dirtyRef = useRef(false);

  const setDirty = useCallback((next: boolean) => {
    dirtyRef.current = next;
  }, []);

  const guard = useCallback((action: () => void) => {
    if (!dirtyRef.current) action();
    else setPending(() => action);
  }, []);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      event.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      if (!dirtyRef.current) return;
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(anchor instanceof HTMLAnchorElement) || anchor.target === "_blank" || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      // Capture phase on window: runs before Next's Link handler, which then never sees the click.
      event.preventDefault();
      event.stopPropagation();
      setPending(() => () => router.push(`${url.pathname}${url.search}${url.hash}`));
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      window.removeEventListener("click", onClick, true);
    };
  }, [router]);

  const dialog = (
    <ConfirmDialog
      open={pending !== null}
      onOpenChange={(open) => {
        if (!open) setPending(null);
      }}
      title={prompt.title}
      description={prompt.description}
      confirmLabel={prompt.confirmLabel}
      cancelLabel="Keep editing"
      tone={prompt.tone}
      onConfirm={() => {
        const action = pending;
        dirtyRef.current = false;
        setPending(null);
        action?.();
      }}
    />
  );

  return { setDirty, guard, dialog };
}

/** Guards a page while `when` holds; for pages whose only way out is a link or the browser. */
export function LeaveGuard({ when, ...prompt }: LeavePrompt & { when: boolean }) {
  const { setDirty, dialog } = useLeaveGuard(prompt);
  // Before paint, so that what the page shows and what the guard knows never disagree.
  useLayoutEffect(() => {
    setDirty(when);
  }, [when, setDirty]);
  return dialog;
}
