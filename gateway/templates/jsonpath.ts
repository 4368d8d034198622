import { JSONPath } from "jsonpath-plus";

// JSONPath as API Gateway reads it (Jayway JsonPath): a definite path (no
// wildcard, deep scan, filter, union or slice) selects one value or nothing;
// an indefinite one always selects a list, empty when nothing matches.

const INDEFINITE = /\.\.|\*|\[\s*\?|\[[^\]]*[,:][^\]]*\]/;

export class JsonPathError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = "JsonPathError";
  }
}

export function isDefinitePath(path: string): boolean {
  return !INDEFINITE.test(path);
}

/** The value `path` selects in `document`: undefined when a definite path matches nothing. */
export function selectJson(document: unknown, path: string): unknown {
  const expression = path.trim() === "" ? "$" : path.trim();
  if (!expression.startsWith("$")) throw new JsonPathError(path, `JSONPath '${path}' must start with '$'`);
  let matches: unknown[];
  try {
    // Filter expressions run in jsonpath-plus's own evaluator, never as JavaScript.
    matches = JSONPath({ path: expression, json: document as object, wrap: true, eval: "safe" }) as unknown[];
  } catch (error) {
    throw new JsonPathError(path, `invalid JSONPath '${path}': ${error instanceof Error ? error.message : String(error)}`);
  }
  if (isDefinitePath(expression)) return matches[0];
  return matches;
}
