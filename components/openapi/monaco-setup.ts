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

loader.config({ monaco });

export { monaco };
