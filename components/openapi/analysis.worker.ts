// Parses and validates the editor's document off the main thread, so that
// typing stays smooth in multi-megabyte documents.
import type { ParsedSource } from "@/lib/openapi/parse";
import { isDocumentRejectedError } from "@/lib/openapi/problems";
import { analyzeDocument, placeProblems } from "./analysis";
import type { AnalysisRequest, AnalysisResponse } from "./analysis-protocol";
import { formatDocument } from "./document-format";

type WorkerScope = {
  onmessage: ((event: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: AnalysisResponse): void;
};
const scope = globalThis as unknown as WorkerScope;

let lastSource: ParsedSource | null = null;
let pendingAnalysis: Extract<AnalysisRequest, { kind: "analyze" }> | null = null;
let scheduled = false;

// Requests that queued up while a long analysis ran are coalesced: only the
// newest text is analysed, older versions would be dropped by the editor anyway.
function runPendingAnalysis() {
  scheduled = false;
  const request = pendingAnalysis;
  pendingAnalysis = null;
  if (!request) return;
  try {
    const { analysis, source } = analyzeDocument(request.text);
    lastSource = source;
    scope.postMessage({ kind: "analysis", version: request.version, analysis });
  } catch (error) {
    // An unexpected failure inside the converter must still reach the person, placed at the top.
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({
      kind: "analysis",
      version: request.version,
      analysis: {
        format: "yaml",
        problems: [{ message: `The document could not be checked: ${message}`, line: 1, column: 1 }],
        notices: [],
        preview: null,
        ms: 0,
      },
    });
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  switch (request.kind) {
    case "analyze":
      pendingAnalysis = request;
      if (!scheduled) {
        scheduled = true;
        setTimeout(runPendingAnalysis, 0);
      }
      break;
    case "format":
      try {
        scope.postMessage({ kind: "formatted", id: request.id, text: formatDocument(request.text, request.target) });
      } catch (error) {
        const problems = isDocumentRejectedError(error) ? placeProblems(error.problems, null) : [];
        scope.postMessage({ kind: "failed", id: request.id, message: error instanceof Error ? error.message : String(error), problems });
      }
      break;
    case "locate":
      scope.postMessage({
        kind: "located",
        id: request.id,
        positions: request.pointers.map((pointer) => lastSource?.locate(pointer) ?? null),
      });
      break;
  }
};
