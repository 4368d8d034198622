import type { DocumentProblem } from "../problems";
import { appendPointer, getAtPointer, internalRefSegments, isRecord } from "../pointer";
import { SUBSCHEMA_MAPS } from "../schema-dialects";

/**
 * References to other files are not followed: an error. An internal $ref that
 * points at nothing is a warning, as AWS treats a missing model reference:
 * the import leaves the reference out (an empty schema, or no parameter,
 * response or body) and imports the rest.
 */
export function checkReferences(
  root: Record<string, unknown>,
  limit: number,
): { problems: DocumentProblem[]; warnings: DocumentProblem[] } {
  const problems: DocumentProblem[] = [];
  const warnings: DocumentProblem[] = [];
  // Below "properties" (and the other maps of named schemas) a key is a name: a property called "example" is a schema.
  const visit = (value: unknown, pointer: string, names = false) => {
    if (problems.length >= limit || warnings.length >= limit) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, pointer + "/" + index));
      return;
    }
    if (!isRecord(value)) return;
    const ref = value.$ref;
    if (typeof ref === "string") {
      const segments = internalRefSegments(ref);
      if (!segments) {
        problems.push({
          pointer: pointer + "/$ref",
          message: `The reference "${ref}" points outside this document. Portico imports single-file documents: bundle it first (for example with \`redocly bundle\` or \`swagger-cli bundle\`).`,
        });
      } else if (getAtPointer(root, segments) === undefined) {
        warnings.push({
          pointer: pointer + "/$ref",
          message: `The reference "${ref}" points to nothing: ${ref} does not exist in this document. It is left out: a schema imports as one that accepts anything, a parameter, response or body as absent.`,
        });
      }
    }
    for (const key of Object.keys(value)) {
      // Examples are free-form data; a "$ref" inside one is not a reference.
      if (!names && (key === "example" || key === "examples" || key === "x-amazon-apigateway-integration")) continue;
      visit(value[key], appendPointer(pointer, key), !names && SUBSCHEMA_MAPS.has(key));
    }
  };
  visit(root, "");
  return { problems, warnings };
}

/** True when a value is a $ref that points at nothing in the document (reported as a warning by checkReferences). */
export function isDanglingRef(root: unknown, value: unknown): boolean {
  if (!isRecord(value) || typeof value.$ref !== "string") return false;
  const segments = internalRefSegments(value.$ref);
  return segments !== undefined && getAtPointer(root, segments) === undefined;
}

/** Follows internal $refs (a chain of them, without looping). */
export function resolveRef(root: unknown, value: unknown): unknown {
  let current = value;
  for (let hops = 0; hops < 20 && isRecord(current) && typeof current.$ref === "string"; hops++) {
    const segments = internalRefSegments(current.$ref);
    if (!segments) return current;
    const target = getAtPointer(root, segments);
    if (target === undefined) return current;
    current = target;
  }
  return current;
}
