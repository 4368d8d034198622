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

/** `$` or `$.a.b`: walked directly, the common case in mapping templates. */
const DOTTED = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Walks a dotted path through plain objects; NO_FAST_PATH when it meets anything else (arrays, scalars). */
const NO_FAST_PATH = Symbol("no fast path");
function walk(document: unknown, expression: string): unknown {
  if (expression === "$") return document;
  let value = document;
  let start = 2;
  while (start <= expression.length) {
    let end = expression.indexOf(".", start);
    if (end === -1) end = expression.length;
    if (value === null || typeof value !== "object" || Array.isArray(value)) return NO_FAST_PATH;
    const key = expression.slice(start, end);
    if (!Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
    start = end + 1;
  }
  return value;
}

/** The value `path` selects in `document`: undefined when a definite path matches nothing. */
export function selectJson(document: unknown, path: string): unknown {
  const expression = path.trim() === "" ? "$" : path.trim();
  if (DOTTED.test(expression)) {
    const walked = walk(document, expression);
    if (walked !== NO_FAST_PATH) return walked;
  }
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
