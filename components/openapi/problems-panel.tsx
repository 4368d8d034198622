"use client";

import { CheckCircle2, CircleAlert } from "lucide-react";
import type { DocumentWorkbench } from "./use-document-workbench";

/** Every problem under the editor, in document order; a click puts the cursor on it. */
export function ProblemsPanel({ workbench }: { workbench: DocumentWorkbench }) {
  const { problems, serverProblems, checking, analysis, empty, ready } = workbench;
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  const warnings = analysis?.notices.filter((notice) => notice.outcome === "skipped").length ?? 0;
  return (
    <section aria-label="Problems" className="flex max-h-48 min-h-11 shrink-0 flex-col border-t border-zinc-100 bg-zinc-50/60">
      <div className="flex items-center gap-2 px-4 pt-2.5 pb-1.5">
        <h2 className="text-[12px] font-semibold tracking-wide text-zinc-500 uppercase">Problems</h2>
        {sorted.length > 0 ? (
          <span className="rounded-full bg-red-100 px-1.5 text-[11px] leading-4 font-medium text-red-700">{sorted.length}</span>
        ) : null}
        {serverProblems ? <span className="text-[12px] text-zinc-500">found by the server when applying</span> : null}
      </div>
      {sorted.length === 0 ? (
        <p className="flex items-center gap-1.5 px-4 pb-2.5 text-[13px] text-zinc-500">
          {!ready || checking || (!analysis && !empty) ? (
            "Checking the document…"
          ) : empty ? (
            "Paste or upload an OpenAPI 3.0, 3.1 or Swagger 2.0 document to check it."
          ) : (
            <>
              <CheckCircle2 aria-hidden className="size-3.5 text-emerald-600" /> No problems: the document can be imported.
              {warnings > 0
                ? ` ${warnings === 1 ? "One warning" : `${warnings} warnings`}: the parts marked in the editor are skipped (see the report), or the document is refused with Fail on warnings.`
                : null}
            </>
          )}
        </p>
      ) : (
        <ul className="min-h-0 flex-1 overflow-y-auto px-2 pb-2">
          {sorted.map((problem, index) => (
            <li key={`${problem.line}:${problem.column}:${index}`}>
              <button
                type="button"
                onClick={() => workbench.reveal(problem.line, problem.column)}
                className="flex w-full items-start gap-2 rounded-md px-2 py-1 text-left text-[13px] hover:bg-white hover:shadow-xs hover:ring-1 hover:ring-zinc-200"
              >
                <CircleAlert aria-hidden className="mt-0.5 size-3.5 shrink-0 text-red-500" />
                <span className="min-w-0 flex-1 text-zinc-800">{problem.message}</span>
                <span className="shrink-0 font-mono text-[11.5px] text-zinc-400">
                  Ln {problem.line}, Col {problem.column}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
