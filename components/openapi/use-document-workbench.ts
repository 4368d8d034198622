"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { DocumentProblem } from "@/lib/openapi/problems";
import { detectFormat } from "@/lib/openapi/parse";
import type { DocumentAnalysis, DocumentPreview, LocatedProblem } from "./analysis";
import { DocumentAnalyzer } from "./analysis-client";
import type { DocumentFormat } from "./document-format";
import { clearDraft, hashText, loadDraft, saveDraft, type DraftStore } from "./draft-storage";
import type { DocumentEditorHandle } from "./monaco-document-editor";

/** Checks wait for a pause in typing; large documents wait longer, as each check costs more. */
export function analysisDelay(length: number): number {
  if (length < 200_000) return 250;
  if (length < 1_000_000) return 500;
  return 900;
}

const DRAFT_DELAY_MS = 1_000;

export type DraftState = { status: "none" } | { status: "restored"; savedAt: string; baseChanged: boolean } | { status: "too_large" };

export type ServerProblems = { message: string; problems: LocatedProblem[] };

/**
 * The state behind an OpenAPI editor: the analysis of the current text (run
 * in a worker, newest version only), unsaved changes measured against the
 * document the editor started from, and a draft in localStorage so that
 * edits survive a reload.
 */
export function useDocumentWorkbench({ draftScope, baseline }: { draftScope: string; baseline: string | undefined }) {
  const handleRef = useRef<DocumentEditorHandle | null>(null);
  const analyzerRef = useRef<DocumentAnalyzer | null>(null);
  const analysisTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const draftTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** The content version that matches the baseline; null while the text is a restored draft. */
  const cleanVersion = useRef<number | null>(null);
  const baselineRef = useRef(baseline);

  const [analysis, setAnalysis] = useState<DocumentAnalysis | null>(null);
  const [lastPreview, setLastPreview] = useState<DocumentPreview | null>(null);
  const [checking, setChecking] = useState(true);
  const [dirty, setDirty] = useState(false);
  const [ready, setReady] = useState(false);
  const [format, setFormatState] = useState<DocumentFormat>("yaml");
  const formatRef = useRef<DocumentFormat>("yaml");
  const [serverProblems, setServerProblems] = useState<ServerProblems | null>(null);
  const [draft, setDraft] = useState<DraftState>({ status: "none" });
  const [empty, setEmpty] = useState(false);

  const store = useCallback((): DraftStore | null => (typeof window === "undefined" ? null : window.localStorage), []);

  // What the editor opens with: a draft when one was left behind, otherwise
  // the baseline. Decided once; later baselines never replace the editor's text.
  // (State set during render, as React documents for values derived once from props.)
  const [initial, setInitial] = useState<{ text: string; draft: DraftState } | undefined>(undefined);
  if (initial === undefined && baseline !== undefined) {
    const storage = store();
    const saved = storage ? loadDraft(storage, draftScope) : null;
    setInitial(
      saved && saved.text !== baseline
        ? { text: saved.text, draft: { status: "restored", savedAt: saved.savedAt, baseChanged: saved.baseHash !== hashText(baseline) } }
        : { text: baseline, draft: { status: "none" } },
    );
  }

  /** The editor's language follows the text: pasted JSON is highlighted as JSON. */
  const applyFormat = useCallback((next: DocumentFormat) => {
    if (formatRef.current !== next) handleRef.current?.setFormat(next);
    formatRef.current = next;
    setFormatState(next);
  }, []);

  const showProblems = useCallback((problems: LocatedProblem[]) => handleRef.current?.setProblems(problems), []);

  const runAnalysis = useCallback(() => {
    const handle = handleRef.current;
    const analyzer = analyzerRef.current;
    if (!handle || !analyzer) return;
    const text = handle.getText();
    setEmpty(text.trim() === "");
    if (text.trim() === "") {
      // An empty editor is a starting point, not an error.
      setAnalysis(null);
      setChecking(false);
      showProblems([]);
      return;
    }
    analyzer.analyze(text, handle.version());
  }, [showProblems]);

  const scheduleAnalysis = useCallback(() => {
    if (analysisTimer.current) clearTimeout(analysisTimer.current);
    setChecking(true);
    const length = handleRef.current?.length() ?? 0;
    analysisTimer.current = setTimeout(runAnalysis, analysisDelay(length));
  }, [runAnalysis]);

  const persistDraft = useCallback(() => {
    const handle = handleRef.current;
    const storage = store();
    const base = baselineRef.current;
    if (!handle || !storage || base === undefined) return;
    const isDirty = cleanVersion.current === null || handle.contentVersion() !== cleanVersion.current;
    if (!isDirty) {
      clearDraft(storage, draftScope);
      return;
    }
    const outcome = saveDraft(storage, draftScope, { text: handle.getText(), baseHash: hashText(base), savedAt: new Date().toISOString() });
    if (outcome === "too_large") setDraft({ status: "too_large" });
  }, [draftScope, store]);

  const onEdit = useCallback(() => {
    const handle = handleRef.current;
    if (!handle) return;
    setDirty(cleanVersion.current === null || handle.contentVersion() !== cleanVersion.current);
    setServerProblems(null);
    scheduleAnalysis();
    if (draftTimer.current) clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(persistDraft, DRAFT_DELAY_MS);
  }, [persistDraft, scheduleAnalysis]);

  const onReady = useCallback(
    (handle: DocumentEditorHandle) => {
      handleRef.current = handle;
      const restored = initial?.draft.status === "restored";
      cleanVersion.current = restored ? null : handle.contentVersion();
      setDirty(restored);
      setDraft(initial?.draft ?? { status: "none" });
      formatRef.current = detectFormat(handle.getText());
      handle.setFormat(formatRef.current);
      setFormatState(formatRef.current);
      setReady(true);
      runAnalysis();
    },
    [initial, runAnalysis],
  );

  useEffect(() => {
    const analyzer = new DocumentAnalyzer(
      (result, version) => {
        const handle = handleRef.current;
        // Typed since this text was sent: the next answer is on its way.
        if (!handle || handle.version() !== version) return;
        setAnalysis(result);
        if (result.preview) setLastPreview(result.preview);
        setChecking(false);
        handle.setProblems(result.problems, result.notices);
        applyFormat(result.format);
      },
      (message) => {
        const problem = {
          message: `The document could not be checked (${message}). Reload the page; your edits are kept as a draft.`,
          line: 1,
          column: 1,
        };
        setAnalysis({ format: "yaml", problems: [problem], notices: [], preview: null, ms: 0 });
        setChecking(false);
        handleRef.current?.setProblems([problem]);
      },
    );
    analyzerRef.current = analyzer;
    if (handleRef.current) runAnalysis();
    return () => {
      analyzer.dispose();
      analyzerRef.current = null;
    };
  }, [applyFormat, runAnalysis]);

  useEffect(
    () => () => {
      if (analysisTimer.current) clearTimeout(analysisTimer.current);
      if (draftTimer.current) clearTimeout(draftTimer.current);
    },
    [],
  );

  /** Re-indents, or converts between YAML and JSON, as one undoable edit. */
  const formatAs = useCallback(
    async (target: DocumentFormat) => {
      const handle = handleRef.current;
      const analyzer = analyzerRef.current;
      if (!handle || !analyzer) return;
      const formatted = await analyzer.format(handle.getText(), target);
      applyFormat(target);
      handle.replaceText(formatted);
    },
    [applyFormat],
  );

  const replaceText = useCallback(
    (text: string) => {
      const handle = handleRef.current;
      if (!handle) return;
      applyFormat(detectFormat(text));
      handle.replaceText(text);
    },
    [applyFormat],
  );

  /** The editor now matches what the server holds: the draft goes, the baseline moves. */
  const markSaved = useCallback(
    (newBaseline?: string) => {
      const handle = handleRef.current;
      if (!handle) return;
      baselineRef.current = newBaseline ?? handle.getText();
      cleanVersion.current = handle.contentVersion();
      setDirty(false);
      setDraft({ status: "none" });
      if (draftTimer.current) clearTimeout(draftTimer.current);
      const storage = store();
      if (storage) clearDraft(storage, draftScope);
    },
    [draftScope, store],
  );

  /** Back to the document the editor started from (or a newer one), dropping the edits and the draft. */
  const revert = useCallback(
    (text?: string) => {
      const handle = handleRef.current;
      if (!handle) return;
      const target = text ?? baselineRef.current ?? "";
      handle.resetText(target);
      applyFormat(detectFormat(target));
      markSaved(target);
    },
    [applyFormat, markSaved],
  );

  const reveal = useCallback((line: number, column: number) => handleRef.current?.reveal(line, column), []);

  /** Jumps to the place a JSON pointer names in the current text. */
  const revealPointer = useCallback(async (pointer: string) => {
    const analyzer = analyzerRef.current;
    if (!analyzer) return;
    const [position] = await analyzer.locate([pointer]);
    if (position) handleRef.current?.reveal(position.line, position.column);
  }, []);

  /** Problems the server found (rules only it checks): placed in the text and marked until the next edit. */
  const showServerProblems = useCallback(
    async (message: string, problems: DocumentProblem[]) => {
      const analyzer = analyzerRef.current;
      const positions = analyzer ? await analyzer.locate(problems.map((problem) => problem.pointer ?? "")) : [];
      const located = problems.map((problem, index) => ({
        message: problem.message,
        line: problem.line ?? positions[index]?.line ?? 1,
        column: problem.column ?? positions[index]?.column ?? 1,
        ...(problem.pointer !== undefined ? { pointer: problem.pointer } : {}),
      }));
      setServerProblems({ message, problems: located });
      showProblems(located);
    },
    [showProblems],
  );

  const getText = useCallback(() => handleRef.current?.getText() ?? "", []);

  useEffect(() => {
    if (baseline !== undefined && baselineRef.current === undefined) baselineRef.current = baseline;
  }, [baseline]);

  const problems = serverProblems?.problems ?? analysis?.problems ?? [];

  return {
    initialText: initial?.text,
    ready,
    analysis,
    /**
     * What the preview shows: the current document's result, or while it has
     * problems, the last valid one (marked stale). Keeping it avoids tearing
     * down and rebuilding a large tree on every keystroke that breaks the text.
     */
    shownPreview: analysis?.preview ?? (empty ? null : lastPreview),
    previewStale: !analysis?.preview && !empty && lastPreview !== null,
    problems,
    serverProblems,
    checking: checking && !empty,
    empty,
    dirty,
    draft,
    format,
    onReady,
    onEdit,
    formatAs,
    replaceText,
    markSaved,
    revert,
    reveal,
    revealPointer,
    showServerProblems,
    getText,
  };
}

export type DocumentWorkbench = ReturnType<typeof useDocumentWorkbench>;
