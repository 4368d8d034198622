"use client";

import Editor from "@monaco-editor/react";
// Loads Monaco from our own bundle (never a CDN) before the editor mounts.
import "@/components/openapi/monaco-setup";
import type * as monaco from "monaco-editor";
import { registerVelocity, VELOCITY_LANGUAGE } from "./velocity-language";

export type TemplateEditorProps = {
  value: string;
  onChange: (value: string) => void;
  ariaLabel: string;
  /** Lines tall the editor is. */
  lines?: number;
};

const OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  editContext: false,
  automaticLayout: true,
  fontFamily: "var(--font-geist-mono), ui-monospace, SFMono-Regular, Menlo, monospace",
  fontSize: 13,
  lineHeight: 20,
  tabSize: 2,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  lineNumbersMinChars: 3,
  padding: { top: 6, bottom: 6 },
  fixedOverflowWidgets: true,
  wordWrap: "on",
  scrollbar: { verticalScrollbarSize: 8, horizontalScrollbarSize: 8, alwaysConsumeMouseWheel: false },
};

/** A Velocity mapping template in Monaco, with API Gateway's variables completed. */
export default function MonacoTemplateEditor({ value, onChange, ariaLabel, lines = 8 }: TemplateEditorProps) {
  return (
    <div className="overflow-hidden rounded-md ring-1 ring-zinc-200 ring-inset" style={{ height: lines * 20 + 12 }}>
      <Editor
        value={value}
        language={VELOCITY_LANGUAGE}
        beforeMount={registerVelocity}
        onChange={(next) => onChange(next ?? "")}
        options={{ ...OPTIONS, ariaLabel }}
      />
    </div>
  );
}
