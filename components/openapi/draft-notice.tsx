"use client";

import { Info } from "lucide-react";
import { formatRelative } from "@/components/lib/format";
import type { DocumentWorkbench } from "./use-document-workbench";

/** Says when the editor holds a restored draft rather than the API's definition, and when drafts cannot be kept. */
export function DraftNotice({ workbench, onDiscard }: { workbench: DocumentWorkbench; onDiscard?: () => void }) {
  const { draft } = workbench;
  if (draft.status === "none") return null;
  if (draft.status === "too_large") {
    return (
      <p
        role="status"
        className="flex items-center gap-2 rounded-lg bg-amber-50 px-3 py-2 text-[13px] text-amber-800 ring-1 ring-amber-200/70 ring-inset"
      >
        <Info aria-hidden className="size-4 shrink-0" />
        This document is too large to keep as a draft in the browser: apply your edits before leaving the page.
      </p>
    );
  }
  return (
    <div
      role="status"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg bg-accent-50 px-3 py-2 text-[13px] text-accent-700 ring-1 ring-accent-100 ring-inset"
    >
      <Info aria-hidden className="size-4 shrink-0" />
      <span className="min-w-0 flex-1">
        Restored your unsaved draft from {formatRelative(draft.savedAt)}.
        {draft.baseChanged ? " The API has changed since you started it: review before applying." : ""}
      </span>
      {onDiscard ? (
        <button type="button" onClick={onDiscard} className="font-medium underline-offset-2 hover:underline">
          Discard draft
        </button>
      ) : null}
    </div>
  );
}
