"use client";

// Monaco is served from our own bundle, never from a CDN: self-hosted
// installations often have no internet access. Imported only from the
// client-only editor module (next/dynamic with ssr: false), because Monaco
// touches `window` as soon as it loads.
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === "json") {
      return new Worker(new URL("monaco-editor/language/json/json.worker.js", import.meta.url), { type: "module", name: "monaco-json" });
    }
    return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module", name: "monaco-editor" });
  },
};

// OpenAPI diagnostics come from our own worker (the same checks as the import
// endpoint); Monaco's JSON validation would report syntax errors a second time.
monaco.json.jsonDefaults.setDiagnosticsOptions({ validate: false, enableSchemaRequest: false });
// Monaco's JSON language service recomputes symbols, colours and ranges for the
// whole document after every edit and sends them back to the page: in a 3 MB
// document that blocked typing for seconds. Only the cheap main-thread
// tokenizer stays; folding uses indentation (an editor option).
monaco.json.jsonDefaults.setModeConfiguration({
  tokens: true,
  documentFormattingEdits: false,
  documentRangeFormattingEdits: false,
  completionItems: false,
  hovers: false,
  documentSymbols: false,
  colors: false,
  foldingRanges: false,
  diagnostics: false,
  selectionRanges: false,
});

loader.config({ monaco });

export { monaco };
