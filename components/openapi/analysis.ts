import { convertDocument } from "@/lib/openapi/import";
import type { ImportReportEntry } from "@/lib/openapi/model";
import { detectFormat, parseSource, type ParsedSource, type SourceFormat } from "@/lib/openapi/parse";
import { isDocumentRejectedError, type DocumentProblem } from "@/lib/openapi/problems";
import { validateDocument, type SpecVersion } from "@/lib/openapi/validate";

/** A problem placed in the text: every problem the editor shows has a line, so it can be marked and jumped to. */
export interface LocatedProblem {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  pointer?: string;
}

export interface PreviewResource {
  path: string;
  methods: string[];
}

/** What importing the document would produce, without writing anything. */
export interface DocumentPreview {
  specVersion: SpecVersion;
  title: string;
  resources: PreviewResource[];
  models: string[];
  report: ImportReportEntry[];
}

/** A report entry placed in the text: what the import ignores or cannot support is marked where it is written. */
export interface LocatedNotice extends LocatedProblem {
  /** skipped: a warning; the part is left out (or the document refused with failOnWarnings). */
  outcome: "ignored" | "unsupported" | "skipped";
}

export interface DocumentAnalysis {
  format: SourceFormat;
  problems: LocatedProblem[];
  /** Only for a document without problems. */
  notices: LocatedNotice[];
  /** Present when the document has no problems. */
  preview: DocumentPreview | null;
  ms: number;
}

/**
 * Parses, validates and converts a document the way the import endpoint
 * does, returning problems with positions and a preview of the result. It is
 * pure and runs in a Web Worker: a 3 MB document takes longer than a frame.
 * The parsed source is returned too, so that later pointers (from the
 * server's answer or the report) can be located without parsing again.
 */
export function analyzeDocument(text: string): { analysis: DocumentAnalysis; source: ParsedSource | null } {
  const started = performance.now();
  let source: ParsedSource;
  try {
    source = parseSource(text);
  } catch (error) {
    if (!isDocumentRejectedError(error)) throw error;
    return {
      analysis: {
        format: detectFormat(text),
        problems: placeProblems(error.problems, null),
        notices: [],
        preview: null,
        ms: performance.now() - started,
      },
      source: null,
    };
  }
  const { version, problems, warnings } = validateDocument(source.document);
  if (problems.length > 0 || !version) {
    return {
      analysis: {
        format: source.format,
        problems: placeProblems(problems, source),
        notices: [],
        preview: null,
        ms: performance.now() - started,
      },
      source,
    };
  }
  const { definition, report } = convertDocument(source.document as Record<string, unknown>, version, warnings);
  const preview: DocumentPreview = {
    specVersion: version,
    title: definition.name,
    resources: definition.resources.map((resource) => ({
      path: resource.path,
      methods: resource.methods.map((method) => method.httpMethod),
    })),
    models: definition.models.map((model) => model.name),
    report,
  };
  const notices = placeNotices(report, source);
  return { analysis: { format: source.format, problems: [], notices, preview, ms: performance.now() - started }, source };
}

/** Enough to show the pattern; a document ignoring thousands of things lists them all in the report. */
const MAX_NOTICES = 200;

function placeNotices(report: ImportReportEntry[], source: ParsedSource): LocatedNotice[] {
  const notices: LocatedNotice[] = [];
  // Warnings first: the cap must not hide them behind hundreds of ignored keys.
  const noticed = [
    ...report.filter((entry) => entry.outcome === "skipped"),
    ...report.filter((entry) => entry.outcome === "ignored" || entry.outcome === "unsupported"),
  ];
  for (const entry of noticed) {
    if (entry.outcome !== "ignored" && entry.outcome !== "unsupported" && entry.outcome !== "skipped") continue;
    const position = source.locate(entry.pointer);
    notices.push({
      message: entry.message,
      line: position?.line ?? 1,
      column: position?.column ?? 1,
      pointer: entry.pointer,
      outcome: entry.outcome,
    });
    if (notices.length >= MAX_NOTICES) break;
  }
  return notices;
}

/** Gives every problem a line and column: its own, the place its pointer names, or the top of the document. */
export function placeProblems(problems: DocumentProblem[], source: Pick<ParsedSource, "locate"> | null): LocatedProblem[] {
  return problems.map((problem) => {
    const located = problem.line === undefined && problem.pointer !== undefined && source ? source.locate(problem.pointer) : undefined;
    const placed: LocatedProblem = {
      message: problem.message,
      line: problem.line ?? located?.line ?? 1,
      column: problem.column ?? located?.column ?? 1,
    };
    if (problem.pointer !== undefined) placed.pointer = problem.pointer;
    return placed;
  });
}
