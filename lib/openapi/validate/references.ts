import type { DocumentProblem } from "../problems";
import { appendPointer, getAtPointer, internalRefSegments, isRecord } from "../pointer";

/** Every internal $ref must point at something; references to other files are not followed. */
export function checkReferences(root: Record<string, unknown>, limit: number): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const visit = (value: unknown, pointer: string) => {
    if (problems.length >= limit) return;
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
        problems.push({
          pointer: pointer + "/$ref",
          message: `The reference "${ref}" points to nothing: ${ref} does not exist in this document.`,
        });
      }
    }
    for (const key of Object.keys(value)) {
      // Examples are free-form data; a "$ref" inside one is not a reference.
      if (key === "example" || key === "examples" || key === "x-amazon-apigateway-integration") continue;
      visit(value[key], appendPointer(pointer, key));
    }
  };
  visit(root, "");
  return problems;
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
