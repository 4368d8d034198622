"use client";

import type { ReactNode } from "react";
import { LeaveGuard } from "@/components/layout/leave-guard";
import { cn } from "@/components/lib/cn";
import { DocumentEditor, EditorSkeleton } from "./document-editor";
import { EditorToolbar, useFormatCommand } from "./editor-toolbar";
import { PreviewPanel, type AppliedReport } from "./preview-panel";
import { ProblemsPanel } from "./problems-panel";
import type { DocumentWorkbench } from "./use-document-workbench";

/** The editor with its toolbar and problems list, and the preview beside it: shared by the OpenAPI tab and the import page. */
export function EditorFrame({
  workbench,
  modelPath,
  ariaLabel,
  placeholder,
  actions,
  applied,
  view,
  onViewChange,
  height = "h-[calc(100vh-15rem)]",
}: {
  workbench: DocumentWorkbench;
  modelPath: string;
  ariaLabel: string;
  placeholder?: string;
  actions: ReactNode;
  applied: AppliedReport | null;
  view: "resources" | "report";
  onViewChange: (view: "resources" | "report") => void;
  /** A Tailwind height class: the editor fills the window below the page's own header, which differs per page. */
  height?: string;
}) {
  const format = useFormatCommand(workbench);
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-5 lg:flex-row">
      <section
        aria-label="Document"
        className={cn(
          "flex min-h-[28rem] min-w-0 flex-1 flex-col overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-zinc-200",
          height,
        )}
      >
        <EditorToolbar workbench={workbench} command={format}>
          {actions}
        </EditorToolbar>
        <div className="min-h-0 flex-1" data-testid="openapi-editor">
          {workbench.initialText === undefined ? (
            <EditorSkeleton />
          ) : (
            <DocumentEditor
              modelPath={modelPath}
              initialText={workbench.initialText}
              format={workbench.format}
              ariaLabel={ariaLabel}
              placeholder={placeholder}
              onReady={workbench.onReady}
              onEdit={workbench.onEdit}
              onFormat={() => void format.run("format", workbench.format)}
            />
          )}
        </div>
        <ProblemsPanel workbench={workbench} />
      </section>
      <div className={cn("flex min-h-[28rem] lg:w-auto", height)}>
        <PreviewPanel workbench={workbench} applied={applied} view={view} onViewChange={onViewChange} />
      </div>
      {/* The draft is kept either way; the prompt is about the API not having the edits yet. */}
      <LeaveGuard
        when={workbench.dirty}
        title="Leave without applying your edits?"
        description="The API does not have your edits to this document yet. They stay saved as a draft in this browser and come back when you return here."
        confirmLabel="Leave"
        tone="default"
      />
    </div>
  );
}
