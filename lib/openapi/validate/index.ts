import type { ParsedSource } from "../parse";
import { DocumentRejectedError, type DocumentProblem } from "../problems";
import { findCloudFormationLeftovers } from "./cloudformation";
import { checkSchema } from "./json-schema";
import { checkReferences } from "./references";
import { checkSemantics } from "./semantics";
import { detectVersion, type SpecVersion } from "./version";

export { resolveRef } from "./references";
export { detectVersion, HTTP_METHODS, type SpecVersion } from "./version";

/** Problems are capped so that a badly broken document does not produce a megabyte of diagnostics. */
const MAX_PROBLEMS = 50;

export interface ValidationResult {
  version?: SpecVersion;
  problems: DocumentProblem[];
}

/**
 * Checks that a parsed document is an OpenAPI 3.0/3.1 or Swagger 2.0 document
 * that Portico can import: the version, the official JSON Schema of that
 * version, internal references, CloudFormation leftovers, and the rules the
 * schemas cannot express (the checks swagger-parser makes).
 */
export function validateDocument(document: unknown): ValidationResult {
  const detected = detectVersion(document);
  if ("problem" in detected) return { problems: [detected.problem] };
  const { version } = detected;
  const root = document as Record<string, unknown>;

  const cloudFormation = findCloudFormationLeftovers(root);
  if (cloudFormation.length > 0) return { version, problems: cloudFormation };

  const refs = checkReferences(root, MAX_PROBLEMS);
  const problems = [...refs, ...checkSchema(version, root)];
  if (problems.length === 0) problems.push(...checkSemantics(version, root));
  return { version, problems: problems.slice(0, MAX_PROBLEMS) };
}

/**
 * validateDocument for a parsed text: the version, or a DocumentRejectedError
 * with every problem placed at its line and column in the source.
 */
export function validateSourceOrThrow(source: Pick<ParsedSource, "document" | "locate">): SpecVersion {
  const { version, problems } = validateDocument(source.document);
  if (problems.length === 0 && version) return version;
  const located = problems.map((problem) => ({ ...problem, ...(problem.pointer !== undefined ? source.locate(problem.pointer) : {}) }));
  const first = located[0];
  const where = first?.line ? ` (line ${first.line}, column ${first.column})` : "";
  const more = located.length > 1 ? ` ${located.length - 1} more problem(s) are listed in the details.` : "";
  throw new DocumentRejectedError(`The document cannot be imported: ${first?.message ?? "it is not valid"}${where}.${more}`, located);
}
