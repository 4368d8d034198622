// The grammar of resource paths, shared by the API's validation, the console's
// forms and anything that needs to read a path's parameters. Pure functions,
// no server imports.

import { isRoutableSegment } from "@/lib/contracts/snapshot";

export const MAX_PATH_PART_LENGTH = 255;
export const MAX_PATH_LENGTH = 2048;

/** Unreserved URI characters (RFC 3986): a literal segment needs no escaping. */
export const LITERAL_PATH_PART = /^[A-Za-z0-9._~-]+$/;
/**
 * `{name}` or the greedy `{name+}`. Names are identifiers so that they can be
 * used as router parameter names and in `{name}` URI templates unambiguously.
 */
export const VARIABLE_PATH_PART = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/;

export type PathPartKind = "root" | "literal" | "variable" | "greedy";

export type ParsedPathPart = { kind: "root" } | { kind: "literal"; value: string } | { kind: "variable" | "greedy"; name: string };

/** Why a path part is not acceptable, in words a person can act on; null when it is fine. */
export function pathPartProblem(pathPart: string): string | null {
  if (pathPart.length === 0) return "pathPart must not be empty";
  if (pathPart.length > MAX_PATH_PART_LENGTH) return `pathPart must be at most ${MAX_PATH_PART_LENGTH} characters`;
  if (pathPart.includes("/")) {
    return "pathPart is one path segment and must not contain '/'; create nested resources one level at a time";
  }
  // Literal text around parameters ("{sid}.json", "v{version}") is routed too, as the snapshot contract allows.
  if (LITERAL_PATH_PART.test(pathPart) || VARIABLE_PATH_PART.test(pathPart) || isRoutableSegment(pathPart)) return null;
  if (pathPart.includes("{") || pathPart.includes("}")) {
    return "A path parameter must look like {name} or {name+}, with a name made of letters, digits and '_' that does not start with a digit; beside literal text it must be followed by the end of the segment, '.' or '-' ({sid}.json)";
  }
  return "pathPart may contain only letters, digits and - . _ ~ @ : , ; = ! $ & ', or be a parameter such as {petId} or {proxy+}";
}

export function parsePathPart(pathPart: string): ParsedPathPart {
  if (pathPart === "") return { kind: "root" };
  const variable = VARIABLE_PATH_PART.exec(pathPart);
  if (variable) return { kind: variable[2] === "+" ? "greedy" : "variable", name: variable[1] };
  return { kind: "literal", value: pathPart };
}

export function isVariablePathPart(pathPart: string): boolean {
  return VARIABLE_PATH_PART.test(pathPart);
}

export function isGreedyPathPart(pathPart: string): boolean {
  return parsePathPart(pathPart).kind === "greedy";
}

/** The full path of a child: "/" + "pets" = "/pets"; "/pets" + "{id}" = "/pets/{id}". */
export function joinPath(parentPath: string, pathPart: string): string {
  return parentPath === "/" ? `/${pathPart}` : `${parentPath}/${pathPart}`;
}

export function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

export type PathParameter = { name: string; greedy: boolean };

/** The parameters a path declares, outermost first: "/pets/{petId}/{proxy+}" → petId, proxy (greedy). */
export function pathParameters(path: string): PathParameter[] {
  const parameters: PathParameter[] = [];
  for (const segment of splitPath(path)) {
    const parsed = parsePathPart(segment);
    if (parsed.kind === "variable" || parsed.kind === "greedy") {
      parameters.push({ name: parsed.name, greedy: parsed.kind === "greedy" });
    } else {
      // Parameters beside literal text: "{sid}.json", "{name}.{ext}".
      for (const match of segment.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) parameters.push({ name: match[1], greedy: false });
    }
  }
  return parameters;
}

/** Names declared more than once along a path ("/a/{id}/b/{id}" → ["id"]): a request could not bind both. */
export function duplicatePathParameters(path: string): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { name } of pathParameters(path)) {
    if (seen.has(name)) duplicates.add(name);
    seen.add(name);
  }
  return [...duplicates];
}
