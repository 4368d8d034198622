"use client";

import { FileWarning, FolderTree } from "lucide-react";
import { useMemo, useState } from "react";
import { sortMethods } from "@/components/apis/method-order";
import type { ResourceNode } from "@/components/apis/resource-tree";
import { cn } from "@/components/lib/cn";
import { formatRelative, pluralize } from "@/components/lib/format";
import { Badge, MethodBadge } from "@/components/ui/badge";
import type { ImportReportEntry } from "@/lib/openapi/model";
import { buildPreviewTree } from "./preview-tree";
import type { DocumentWorkbench } from "./use-document-workbench";

type View = "resources" | "report";

export type AppliedReport = { report: ImportReportEntry[]; at: string; label: string };

/**
 * Beside the editor: what importing the document would produce (the resource
 * tree, live) and how each feature is handled (the import report). After an
 * import, the report is the server's.
 */
export function PreviewPanel({
  workbench,
  applied,
  view,
  onViewChange,
}: {
  workbench: DocumentWorkbench;
  applied: AppliedReport | null;
  view: View;
  onViewChange: (view: View) => void;
}) {
  const preview = workbench.shownPreview;
  const stale = workbench.previewStale;
  const tree = useMemo(() => (preview ? buildPreviewTree(preview.resources) : []), [preview]);
  const methodCount = preview?.resources.reduce((count, resource) => count + resource.methods.length, 0) ?? 0;
  const report = applied?.report ?? (stale ? null : preview?.report) ?? null;

  return (
    <aside
      aria-label="Preview"
      className="flex min-h-0 w-full shrink-0 flex-col overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-zinc-200 lg:w-[22rem] xl:w-96"
    >
      <div role="tablist" aria-label="Preview" className="flex gap-4 border-b border-zinc-100 px-4 pt-2.5">
        <Tab selected={view === "resources"} onClick={() => onViewChange("resources")}>
          Resource preview
        </Tab>
        <Tab selected={view === "report"} onClick={() => onViewChange("report")}>
          Import report{report ? <span className="ml-1.5 text-zinc-400">{report.length}</span> : null}
        </Tab>
      </div>
      <div
        role="tabpanel"
        aria-label={view === "resources" ? "Resource preview" : "Import report"}
        className="min-h-0 flex-1 overflow-y-auto"
      >
        {view === "resources" ? (
          preview ? (
            <div className={cn("p-2 transition-opacity", stale && "opacity-60")}>
              {stale ? (
                <p className="mx-1 mb-2 rounded-md bg-zinc-100 px-2 py-1.5 text-[12px] text-zinc-600">
                  The document has problems: this is the last version that imports. Fix them to see your changes.
                </p>
              ) : null}
              <p className="px-2 pt-1 pb-2 text-[12px] text-zinc-500">
                <span className="font-medium text-zinc-700">{preview.title}</span> · {pluralize(preview.resources.length, "path")} ·{" "}
                {pluralize(methodCount, "method")} · {pluralize(preview.models.length, "model")}
              </p>
              <ul role="tree" aria-label="Resource preview tree" className="flex flex-col gap-px">
                {tree.map((node) => (
                  <PreviewNode key={node.id} node={node} />
                ))}
              </ul>
            </div>
          ) : (
            <Placeholder workbench={workbench} />
          )
        ) : report ? (
          <ReportList entries={report} applied={applied} onReveal={(pointer) => void workbench.revealPointer(pointer)} />
        ) : (
          <Placeholder workbench={workbench} />
        )}
      </div>
    </aside>
  );
}

function Tab({ selected, onClick, children }: { selected: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={selected}
      onClick={onClick}
      className={cn(
        "-mb-px border-b-2 pb-2 text-[13px] font-medium transition-colors",
        selected ? "border-zinc-900 text-zinc-900" : "border-transparent text-zinc-500 hover:text-zinc-800",
      )}
    >
      {children}
    </button>
  );
}

function Placeholder({ workbench }: { workbench: DocumentWorkbench }) {
  const message = workbench.empty
    ? "The resources the document defines appear here as you type."
    : workbench.problems.length > 0
      ? "Fix the problems under the editor to see what the document would import."
      : "Checking the document…";
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-12 text-center text-[13px] text-zinc-500">
      {workbench.problems.length > 0 ? (
        <FileWarning aria-hidden className="size-5 text-zinc-400" />
      ) : (
        <FolderTree aria-hidden className="size-5 text-zinc-400" />
      )}
      {message}
    </div>
  );
}

const INDENT_PX = 14;

function PreviewNode({ node }: { node: ResourceNode }) {
  const label = node.parentId === null ? "/" : `/${node.pathPart}`;
  return (
    <li role="treeitem" aria-selected={false} aria-label={node.path} aria-expanded={node.children.length > 0 ? true : undefined}>
      <div
        className="flex min-h-7 flex-wrap items-center gap-x-2 gap-y-1 rounded-md py-0.5 pr-2 hover:bg-zinc-50"
        style={{ paddingLeft: node.depth * INDENT_PX + 8 }}
      >
        <span className="font-mono text-[13px] text-zinc-800">{label}</span>
        {sortMethods(node.methods).map((method) => (
          <MethodBadge key={method} method={method} />
        ))}
      </div>
      {node.children.length > 0 ? (
        <ul role="group" className="flex flex-col gap-px">
          {node.children.map((child) => (
            <PreviewNode key={child.id} node={child} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

const OUTCOMES: Array<{ outcome: ImportReportEntry["outcome"]; label: string; tone: "green" | "sky" | "amber" | "red" }> = [
  { outcome: "applied", label: "Applied", tone: "green" },
  { outcome: "emulated", label: "Emulated", tone: "sky" },
  { outcome: "ignored", label: "Ignored", tone: "amber" },
  { outcome: "unsupported", label: "Unsupported", tone: "red" },
  { outcome: "skipped", label: "Skipped (warning)", tone: "red" },
];
const TONE = Object.fromEntries(OUTCOMES.map((entry) => [entry.outcome, entry])) as Record<
  ImportReportEntry["outcome"],
  (typeof OUTCOMES)[number]
>;

/** Long reports render in pages: a 600-operation document has thousands of entries. */
const PAGE = 200;

function ReportList({
  entries,
  applied,
  onReveal,
}: {
  entries: ImportReportEntry[];
  applied: AppliedReport | null;
  onReveal: (pointer: string) => void;
}) {
  const [filter, setFilter] = useState<ImportReportEntry["outcome"] | null>(null);
  const [shown, setShown] = useState(PAGE);
  const counts = useMemo(() => {
    const result: Record<string, number> = {};
    for (const entry of entries) result[entry.outcome] = (result[entry.outcome] ?? 0) + 1;
    return result;
  }, [entries]);
  const visible = filter ? entries.filter((entry) => entry.outcome === filter) : entries;

  return (
    <div className="p-3">
      <p className="px-1 pb-2 text-[12px] text-zinc-500">
        {applied
          ? `${applied.label} ${formatRelative(applied.at)}: how the server handled each feature.`
          : "How importing this document would handle each feature and extension."}
      </p>
      <div className="flex flex-wrap gap-1.5 px-1 pb-2">
        {OUTCOMES.filter((entry) => counts[entry.outcome]).map((entry) => (
          <button
            key={entry.outcome}
            type="button"
            aria-pressed={filter === entry.outcome}
            onClick={() => setFilter((current) => (current === entry.outcome ? null : entry.outcome))}
            className={cn("rounded-md", filter === entry.outcome ? "ring-2 ring-accent-500" : "")}
          >
            <Badge tone={entry.tone}>
              {entry.label} {counts[entry.outcome]}
            </Badge>
          </button>
        ))}
      </div>
      {entries.length === 0 ? <p className="px-1 text-[13px] text-zinc-500">Nothing to report.</p> : null}
      <ul className="flex flex-col gap-1">
        {visible.slice(0, shown).map((entry, index) => (
          <li key={`${entry.pointer}:${entry.feature}:${index}`} className="rounded-md px-2 py-1.5 ring-zinc-200 hover:bg-zinc-50">
            <div className="flex items-center gap-2">
              <Badge tone={TONE[entry.outcome].tone}>{TONE[entry.outcome].label}</Badge>
              <span className="min-w-0 truncate text-[13px] font-medium text-zinc-800">{entry.feature}</span>
            </div>
            <p className="mt-0.5 text-[12.5px] leading-snug text-zinc-600">{entry.message}</p>
            <button
              type="button"
              onClick={() => onReveal(entry.pointer)}
              title="Show in the editor"
              className="mt-0.5 max-w-full truncate font-mono text-[11.5px] text-accent-600 hover:underline"
            >
              {entry.pointer || "/"}
            </button>
          </li>
        ))}
      </ul>
      {visible.length > shown ? (
        <button
          type="button"
          onClick={() => setShown((count) => count + PAGE)}
          className="mt-2 w-full rounded-md py-1.5 text-[13px] font-medium text-accent-600 hover:bg-accent-50"
        >
          Show {Math.min(PAGE, visible.length - shown)} more of {visible.length - shown}
        </button>
      ) : null}
    </div>
  );
}
