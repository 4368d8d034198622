import type { ApiDefinition, ImportReportEntry } from "../model";
import { parseSource, type ParsedSource } from "../parse";
import { validateSourceOrThrow, type SpecVersion } from "../validate";
import { readRootExtensions, reportMissingIntegrations } from "./aws-extensions";
import { createContext } from "./context";
import { readBasePath, readInfo, readOtherRootKeys } from "./document";
import { readModels } from "./models";
import { readResources } from "./paths";
import { readSecuritySchemes } from "./security";

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

/**
 * Text → validated document → ApiDefinition with its report. Throws
 * DocumentRejectedError, with every problem placed at a line and column, when
 * the document cannot be imported.
 */
export function importOpenApiText(text: string, timings?: Partial<ImportTimings>): ImportResult & { source: ParsedSource } {
  let started = performance.now();
  const source = parseSource(text);
  if (timings) timings.parseMs = performance.now() - started;
  started = performance.now();
  const version = validateSourceOrThrow(source);
  if (timings) timings.validateMs = performance.now() - started;
  started = performance.now();
  const result = convertDocument(source.document as Record<string, unknown>, version);
  if (timings) timings.convertMs = performance.now() - started;
  return { ...result, source };
}

/**
 * A validated document → ApiDefinition. The steps run in this order because
 * the report lists what happened in it, and methods refer to the models and
 * request validators read before them.
 */
export function convertDocument(document: Record<string, unknown>, version: SpecVersion): ImportResult {
  const ctx = createContext(document, version);
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
