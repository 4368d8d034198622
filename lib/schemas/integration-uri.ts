import { fillStageVariables, stageVariableNames } from "@/lib/contracts/stage-variables";
import { pathParameters } from "./resource-path";

// Integration URIs are templates: `{petId}` (or `{proxy}` / `{proxy+}` for a
// greedy parameter) takes a path parameter of the request, and
// `${stageVariables.name}` a variable of the stage serving it. These helpers
// check a template without knowing the stage, so the console can use them too.

const PATH_PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\+?\}/g;

export const MAX_URI_LENGTH = 2048;

/** Stage variable names a template refers to. */
export function uriStageVariables(uri: string): string[] {
  return stageVariableNames(uri);
}

/** Path parameter names a template refers to (the `+` of a greedy one dropped). */
export function uriPathParameters(uri: string): string[] {
  const withoutStageVariables = fillStageVariables(uri, "");
  return [...withoutStageVariables.matchAll(PATH_PLACEHOLDER)].map((match) => match[1]);
}

/** Why a URI template is unusable as an HTTP upstream; null when it is fine. */
export function integrationUriProblem(uri: string): string | null {
  if (uri.length > MAX_URI_LENGTH) return `uri must be at most ${MAX_URI_LENGTH} characters`;
  if (!/^https?:\/\//i.test(uri)) return "uri must be an absolute http:// or https:// URL, e.g. https://backend.example.com/pets/{petId}";
  // Placeholders are replaced by a harmless token so that what remains can be
  // checked with the platform's own URL parser.
  const filled = fillStageVariables(uri, "stagevariable").replace(PATH_PLACEHOLDER, "parameter");
  if (/[{}]/.test(filled) || filled.includes("${")) {
    return "uri has a malformed placeholder: use {name} for a path parameter or ${stageVariables.name} for a stage variable";
  }
  let parsed: URL;
  try {
    parsed = new URL(filled);
  } catch {
    return "uri is not a valid URL";
  }
  if (parsed.hostname === "") return "uri must name a host";
  if (parsed.username !== "" || parsed.password !== "") {
    return "uri must not carry credentials; send them as headers from the upstream's configuration instead";
  }
  if (parsed.hash !== "") return "uri must not have a #fragment";
  return null;
}

/** Placeholders of `uri` that are not parameters of `resourcePath`, as a person-readable problem; null when all exist. */
export function uriPathParameterProblem(uri: string, resourcePath: string): string | null {
  const declared = new Set(pathParameters(resourcePath).map((parameter) => parameter.name));
  const missing = uriPathParameters(uri).filter((name) => !declared.has(name));
  if (missing.length === 0) return null;
  const list = missing.map((name) => `{${name}}`).join(", ");
  return `uri uses ${list}, which the resource path ${resourcePath} does not declare; use one of its path parameters or a literal value`;
}
