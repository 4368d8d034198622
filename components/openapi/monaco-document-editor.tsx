"use client";

import Editor from "@monaco-editor/react";
import { useEffect, useLayoutEffect, useRef } from "react";
import type { LocatedNotice, LocatedProblem } from "./analysis";
import type { DocumentFormat } from "./document-format";
import { toMarkers } from "./markers";
import { monaco } from "./monaco-setup";

const MARKER_OWNER = "openapi";
const NOTICE_LABELS: Record<LocatedNotice["outcome"], string> = { ignored: "Ignored", unsupported: "Unsupported", skipped: "Skipped" };

/** What the surrounding screen may do with the editor, without touching Monaco itself. */
export interface DocumentEditorHandle {
  getText(): string;
  /** Characters in the text, without building the string. */
  length(): number;
  /** Replaces the whole text as one undoable edit (Format, Upload, conversions). */
  replaceText(text: string): void;
  /** Replaces the text and its history: a freshly loaded document. */
  resetText(text: string): void;
  /** Monaco's version id: it changes on every edit. */
  version(): number;
  /** Equal for equal content reached through undo and redo, which is how "unsaved" is decided. */
  contentVersion(): number;
  setFormat(format: DocumentFormat): void;
  /** Problems are errors; notices (what the import ignores or cannot support) are quieter marks. */
  setProblems(problems: LocatedProblem[], notices?: LocatedNotice[]): void;
  reveal(line: number, column: number): void;
}

export type MonacoDocumentEditorProps = {
  /** One model per document (e.g. per API), so that undo history never crosses documents. */
  modelPath: string;
  initialText: string;
  format: DocumentFormat;
  ariaLabel: string;
  /** Shown while the editor is empty. */
  placeholder?: string;
  onReady: (handle: DocumentEditorHandle) => void;
  /** Called on every edit: keep it cheap (it runs while typing in multi-megabyte documents). */
  onEdit: () => void;
  /** The editor's "Format Document" command (Shift+Alt+F and the context menu). */
  onFormat: () => void;
};

const OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  // Chromium's EditContext drops characters under automation; the textarea path is reliable.
  editContext: false,
  acceptSuggestionOnEnter: "off",
  quickSuggestions: false,
  automaticLayout: true,
  fontFamily: "var(--font-geist-mono), ui-monospace, SFMono-Regular, Menlo, monospace",
  fontSize: 13,
  lineHeight: 20,
  tabSize: 2,
  insertSpaces: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  renderLineHighlight: "line",
  padding: { top: 10, bottom: 10 },
  fixedOverflowWidgets: true,
  // Indentation is enough for YAML and JSON, and costs nothing in multi-megabyte documents.
  foldingStrategy: "indentation",
  stickyScroll: { enabled: true, defaultModel: "indentationModel" },
  scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
};

export default function MonacoDocumentEditor({
  modelPath,
  initialText,
  format,
  ariaLabel,
  placeholder,
  onReady,
  onEdit,
  onFormat,
}: MonacoDocumentEditorProps) {
  // Monaco keeps the first listeners it is given; these refs let them call the latest props.
  const onEditRef = useRef(onEdit);
  const onFormatRef = useRef(onFormat);
  useLayoutEffect(() => {
    onEditRef.current = onEdit;
    onFormatRef.current = onFormat;
  });
  const disposables = useRef<monaco.IDisposable[]>([]);

  useEffect(() => () => disposables.current.forEach((disposable) => disposable.dispose()), []);

  return (
    <Editor
      height="100%"
      path={modelPath}
      defaultValue={initialText}
      defaultLanguage={format}
      theme="vs"
      options={{ ...OPTIONS, ariaLabel, placeholder }}
      loading={<span className="text-sm text-zinc-400">Loading the editor…</span>}
      onMount={(editor) => {
        const model = editor.getModel();
        if (!model) return;
        disposables.current.push(model.onDidChangeContent(() => onEditRef.current()));
        // The same formatter as the toolbar (in the worker, comments kept), under the key people already know.
        disposables.current.push(
          editor.addAction({
            id: "portico.formatDocument",
            label: "Format Document",
            keybindings: [monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF],
            contextMenuGroupId: "1_modification",
            run: () => onFormatRef.current(),
          }),
        );
        onReady(createHandle(editor, model));
      }}
    />
  );
}

function createHandle(editor: monaco.editor.IStandaloneCodeEditor, model: monaco.editor.ITextModel): DocumentEditorHandle {
  return {
    getText: () => model.getValue(),
    length: () => model.getValueLength(),
    replaceText(text) {
      editor.pushUndoStop();
      editor.executeEdits("openapi", [{ range: model.getFullModelRange(), text, forceMoveMarkers: true }]);
      editor.pushUndoStop();
      editor.setScrollPosition({ scrollTop: 0 });
    },
    resetText(text) {
      model.setValue(text);
    },
    version: () => model.getVersionId(),
    contentVersion: () => model.getAlternativeVersionId(),
    setFormat(format) {
      monaco.editor.setModelLanguage(model, format);
    },
    setProblems(problems, notices = []) {
      const lines = { lineCount: model.getLineCount(), lineContent: (line: number) => model.getLineContent(line) };
      const errors = toMarkers(problems, lines).map((marker) => ({ ...marker, severity: monaco.MarkerSeverity.Error }));
      const marks = toMarkers(notices, lines).map((marker, index) => ({
        ...marker,
        message: `${NOTICE_LABELS[notices[index].outcome]} on import: ${marker.message}`,
        severity: notices[index].outcome === "ignored" ? monaco.MarkerSeverity.Info : monaco.MarkerSeverity.Warning,
      }));
      monaco.editor.setModelMarkers(model, MARKER_OWNER, [...errors, ...marks]);
    },
    reveal(line, column) {
      editor.revealPositionInCenter({ lineNumber: line, column });
      editor.setPosition({ lineNumber: line, column });
      editor.focus();
    },
  };
}
