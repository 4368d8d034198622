import type { ApiDefinition, ImportReportEntry } from "../model";
import { parseSource, type ParsedSource } from "../parse";
import { DocumentRejectedError, type DocumentProblem } from "../problems";
import { validateSourceOrThrow, type SpecVersion } from "../validate";
import { readRootExtensions, reportMissingIntegrations } from "./aws-extensions";
import { createContext } from "./context";
import { readBasePath, readInfo, readOtherRootKeys } from "./document";
import { readModels } from "./models";
import { readResources } from "./paths";
import { warningsOf } from "./report";
import { readSecuritySchemes } from "./security";

export { warningsOf } from "./report";

export interface ImportResult {
  version: SpecVersion;
  definition: ApiDefinition;
  report: ImportReportEntry[];
}

export interface ImportTimings {
  parseMs: number;
  validateMs: number;
  convertMs: number;
}

export interface ImportTextOptions {
  /** As AWS's failonwarnings: reject the document when the import would leave anything out. */
  failOnWarnings?: boolean;
  /** Filled with how long each step took, for the benchmark. */
  timings?: Partial<ImportTimings>;
}

/**
 * Text → validated document → ApiDefinition with its report. Throws
 * DocumentRejectedError, with every problem placed at a line and column, when
 * the document cannot be imported, or when it has warnings and
 * failOnWarnings is set. Warnings (report entries with outcome skipped)
 * carry their line and column too.
 */
export function importOpenApiText(text: string, options: ImportTextOptions = {}): ImportResult & { source: ParsedSource } {
  const { timings } = options;
  let started = performance.now();
  const source = parseSource(text);
  if (timings) timings.parseMs = performance.now() - started;
  started = performance.now();
  const { version, warnings } = validateSourceOrThrow(source);
  if (timings) timings.validateMs = performance.now() - started;
  started = performance.now();
  const result = convertDocument(source.document as Record<string, unknown>, version, warnings);
  for (const entry of warningsOf(result.report)) {
    const position = source.locate(entry.pointer);
    if (position) {
      entry.line = position.line;
      entry.column = position.column;
    }
  }
  if (timings) timings.convertMs = performance.now() - started;
  if (options.failOnWarnings) rejectOnWarnings(result.report);
  return { ...result, source };
}

/** failOnWarnings: the warnings become the problems of a rejection, as AWS answers "Warnings found during import". */
function rejectOnWarnings(report: ImportReportEntry[]) {
  const warnings = warningsOf(report);
  if (warnings.length === 0) return;
  const problems: DocumentProblem[] = warnings.slice(0, 50).map((entry) => ({
    pointer: entry.pointer,
    ...(entry.line !== undefined ? { line: entry.line, column: entry.column } : {}),
    message: entry.message,
  }));
  const first = problems[0];
  const where = first.line !== undefined ? ` (line ${first.line}, column ${first.column})` : "";
  const more = warnings.length > 1 ? ` ${warnings.length - 1} more warning(s) are listed in the details.` : "";
  throw new DocumentRejectedError(
    `The document was not imported because it has warnings and failOnWarnings is set: ${first.message.replace(/\.$/, "")}${where}.${more} Fix them, or import without failOnWarnings to leave those parts out.`,
    problems,
  );
}

/**
 * A validated document → ApiDefinition. The steps run in this order because
 * the report lists what happened in it, and methods refer to the models and
 * request validators read before them. The validation's warnings open the
 * report.
 */
export function convertDocument(document: Record<string, unknown>, version: SpecVersion, warnings: DocumentProblem[] = []): ImportResult {
  const ctx = createContext(document, version);
  for (const warning of warnings) {
    const pointer = warning.pointer ?? "";
    ctx.report.skip(pointer, pointer.endsWith("/$ref") ? "reference" : "document", warning.message);
  }
  const definition = readInfo(ctx);
  readRootExtensions(ctx, definition);
  readBasePath(ctx);
  readModels(ctx);
  readSecuritySchemes(ctx, definition);
  readOtherRootKeys(ctx);
  definition.resources = readResources(ctx);
  reportMissingIntegrations(ctx);
  definition.models = [...ctx.models.values()];
  return { version, definition, report: ctx.report.entries };
}
