"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useLeaveGuard, type LeaveGuardHandle } from "@/components/layout/leave-guard";

// The method form reports its edits here; the resource tree asks here before
// replacing the form with another selection.

type UnsavedChanges = Pick<LeaveGuardHandle, "setDirty" | "guard">;

const UnsavedChangesContext = createContext<UnsavedChanges | null>(null);

export function UnsavedChangesProvider({ children }: { children: ReactNode }) {
  const { setDirty, guard, dialog } = useLeaveGuard({
    title: "Discard unsaved changes?",
    description: "You have edited this method's settings without saving. Leaving now discards those edits.",
    confirmLabel: "Discard changes",
  });
  const value = useMemo(() => ({ setDirty, guard }), [setDirty, guard]);

  return (
    <UnsavedChangesContext.Provider value={value}>
      {children}
      {dialog}
    </UnsavedChangesContext.Provider>
  );
}

export function useUnsavedChanges(): UnsavedChanges {
  const value = useContext(UnsavedChangesContext);
  if (!value) throw new Error("useUnsavedChanges must be used inside <UnsavedChangesProvider>.");
  return value;
}
