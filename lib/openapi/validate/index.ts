import type { ParsedSource } from "../parse";
import { DocumentRejectedError, type DocumentProblem } from "../problems";
import { findCloudFormationLeftovers } from "./cloudformation";
import { checkSchema } from "./json-schema";
import { checkReferences } from "./references";
import { checkSemantics } from "./semantics";
import { detectVersion, type SpecVersion } from "./version";

export { isDanglingRef, resolveRef } from "./references";
export { detectVersion, HTTP_METHODS, type SpecVersion } from "./version";
export { isValidResponseCode, repeatedPlaceholder } from "./semantics";

/** Problems are capped so that a badly broken document does not produce a megabyte of diagnostics. */
const MAX_PROBLEMS = 50;

export interface ValidationResult {
  version?: SpecVersion;
  /** What stops the import. */
  problems: DocumentProblem[];
  /** What the import leaves out, each message saying what it does instead (AWS's import warnings). */
  warnings: DocumentProblem[];
}

/**
 * Checks that a parsed document is an OpenAPI 3.0/3.1 or Swagger 2.0 document
 * that Portico can import: the version, the official JSON Schema of that
 * version, internal references, CloudFormation leftovers, and the rules the
 * schemas cannot express (the checks swagger-parser makes).
 */
export function validateDocument(document: unknown): ValidationResult {
  const detected = detectVersion(document);
  if ("problem" in detected) return { problems: [detected.problem], warnings: [] };
  const { version } = detected;
  const root = document as Record<string, unknown>;

  const cloudFormation = findCloudFormationLeftovers(root);
  if (cloudFormation.length > 0) return { version, problems: cloudFormation, warnings: [] };

  const refs = checkReferences(root, MAX_PROBLEMS);
  const problems = [...refs.problems, ...checkSchema(version, root)];
  const warnings = [...refs.warnings];
  if (problems.length === 0) {
    const semantics = checkSemantics(version, root);
    problems.push(...semantics.problems);
    warnings.push(...semantics.warnings);
  }
  return { version, problems: problems.slice(0, MAX_PROBLEMS), warnings };
}

/**
 * validateDocument for a parsed text: the version and the warnings, or a
 * DocumentRejectedError with every problem placed at its line and column in
 * the source.
 */
export function validateSourceOrThrow(source: Pick<ParsedSource, "document" | "locate">): {
  version: SpecVersion;
  warnings: DocumentProblem[];
} {
  const { version, problems, warnings } = validateDocument(source.document);
  if (problems.length === 0 && version) return { version, warnings };
  const located = problems.map((problem) => ({ ...problem, ...(problem.pointer !== undefined ? source.locate(problem.pointer) : {}) }));
  const first = located[0];
  const where = first?.line ? ` (line ${first.line}, column ${first.column})` : "";
  const more = located.length > 1 ? ` ${located.length - 1} more problem(s) are listed in the details.` : "";
  throw new DocumentRejectedError(`The document cannot be imported: ${first?.message ?? "it is not valid"}${where}.${more}`, located);
}
