import AjvDraft04 from "ajv-draft-04";
import Ajv2020 from "ajv/dist/2020";
import type { ErrorObject, ValidateFunction } from "ajv";
import swagger20Schema from "../schemas/swagger-2.0.json";
import openapi30Schema from "../schemas/openapi-3.0.json";
import openapi31Schema from "../schemas/openapi-3.1.json";
import type { DocumentProblem } from "../problems";
import { getAtPointer, internalRefSegments, isRecord } from "../pointer";
import type { SpecVersion } from "./version";

// The official JSON Schema of each specification version, checked with Ajv.

let validators: Partial<Record<SpecVersion, ValidateFunction>> = {};

/** Compiling a specification schema takes tens of milliseconds; do it once per version and process. */
function validatorFor(version: SpecVersion): ValidateFunction {
  const cached = validators[version];
  if (cached) return cached;
  const options = { allErrors: true, strict: false, validateFormats: false } as const;
  let validate: ValidateFunction;
  if (version === "3.1") {
    validate = new Ajv2020(options).compile(replaceDynamicRefs(openapi31Schema) as Record<string, unknown>);
  } else {
    validate = new AjvDraft04(options).compile(version === "2.0" ? swagger20Schema : openapi30Schema);
  }
  validators = { ...validators, [version]: validate };
  return validate;
}

/** See schemas/README.md: Ajv resolves the 3.1 schema's $dynamicRef wrongly. */
function replaceDynamicRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(replaceDynamicRefs);
  if (!isRecord(node)) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$dynamicRef") copy.$ref = "#/$defs/schema";
    else if (key !== "$dynamicAnchor") copy[key] = replaceDynamicRefs(value);
  }
  return copy;
}

export function checkSchema(version: SpecVersion, root: Record<string, unknown>): DocumentProblem[] {
  const validate = validatorFor(version);
  const subject = withAwsLeniency(version, withResolvedPathItems(root));
  if (validate(subject)) return [];
  return summariseAjvErrors(validate.errors ?? [], version);
}

/**
 * Path items may be $refs. The schemas accept any $ref there, so validate what
 * they point at instead: a reference to a model where a path item belongs is an error.
 */
function withResolvedPathItems(root: Record<string, unknown>): Record<string, unknown> {
  if (!isRecord(root.paths)) return root;
  let paths: Record<string, unknown> | undefined;
  for (const [path, item] of Object.entries(root.paths)) {
    if (!isRecord(item) || typeof item.$ref !== "string") continue;
    const segments = internalRefSegments(item.$ref);
    const target = segments ? getAtPointer(root, segments) : undefined;
    if (target === undefined) continue;
    paths ??= { ...root.paths };
    paths[path] = target;
  }
  return paths ? { ...root, paths } : root;
}

/**
 * What AWS imports although the specification's schema refuses it, filled in
 * on a copy so that the schema check passes (the document itself is left
 * as written, and the import reads these the same way): a response without
 * a description, and, in Swagger 2.0, a query, header, path or form
 * parameter without a type, which AWS reads as a string. AWS's own samples
 * are written so (the request validation sample of its developer guide).
 */
function withAwsLeniency(version: SpecVersion, root: Record<string, unknown>): Record<string, unknown> {
  let changed = false;
  const fixParameter = (parameter: unknown): unknown => {
    if (version !== "2.0" || !isRecord(parameter) || "$ref" in parameter || parameter.in === "body" || "type" in parameter)
      return parameter;
    changed = true;
    return { ...parameter, type: "string" };
  };
  const fixParameters = (list: unknown): unknown => (Array.isArray(list) ? list.map(fixParameter) : list);
  const fixResponse = (response: unknown): unknown => {
    if (!isRecord(response) || "$ref" in response || "description" in response) return response;
    changed = true;
    return { ...response, description: "" };
  };
  const fixResponses = (responses: unknown): unknown =>
    isRecord(responses)
      ? Object.fromEntries(Object.entries(responses).map(([code, response]) => [code, fixResponse(response)]))
      : responses;
  const paths = isRecord(root.paths)
    ? Object.fromEntries(
        Object.entries(root.paths).map(([path, item]) => {
          if (!isRecord(item)) return [path, item];
          const fixed: Record<string, unknown> = {
            ...item,
            ...("parameters" in item ? { parameters: fixParameters(item.parameters) } : {}),
          };
          for (const [key, operation] of Object.entries(item)) {
            if (key === "parameters" || !isRecord(operation)) continue;
            fixed[key] = {
              ...operation,
              ...("parameters" in operation ? { parameters: fixParameters(operation.parameters) } : {}),
              ...("responses" in operation ? { responses: fixResponses(operation.responses) } : {}),
            };
          }
          return [path, fixed];
        }),
      )
    : root.paths;
  const copy: Record<string, unknown> = { ...root, paths };
  if (version === "2.0") {
    if (isRecord(root.parameters))
      copy.parameters = Object.fromEntries(Object.entries(root.parameters).map(([name, p]) => [name, fixParameter(p)]));
    if (isRecord(root.responses)) copy.responses = fixResponses(root.responses);
  } else if (isRecord(root.components)) {
    copy.components = {
      ...root.components,
      ...(isRecord(root.components.responses) ? { responses: fixResponses(root.components.responses) } : {}),
    };
  }
  return changed ? copy : root;
}

const UMBRELLA_KEYWORDS = new Set(["oneOf", "anyOf", "if", "not", "then", "else"]);

/**
 * Ajv reports every failed branch of every oneOf; people need the deepest,
 * most specific complaint per location.
 */
function summariseAjvErrors(errors: ErrorObject[], version: SpecVersion): DocumentProblem[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  const paths = [...byPath.keys()];
  const problems: DocumentProblem[] = [];
  for (const [path, list] of byPath) {
    const hasDeeper = paths.some((other) => other !== path && other.startsWith(path + "/"));
    const specific = list.filter((error) => !UMBRELLA_KEYWORDS.has(error.keyword));
    if (hasDeeper && specific.length === 0) continue;
    const chosen = specific.length > 0 ? specific : list;
    const messages = [...new Set(chosen.map(describeAjvError))];
    problems.push({
      pointer: path,
      message: `${version === "2.0" ? "Swagger" : "OpenAPI"} schema validation failed at ${path || "/"}: ${messages.join("; ")}.`,
    });
  }
  return problems;
}

function describeAjvError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return `unknown property \`${String(params.additionalProperty)}\``;
    case "unevaluatedProperties":
      return `unknown property \`${String(params.unevaluatedProperty)}\``;
    case "required":
      return `missing required property \`${String(params.missingProperty)}\``;
    case "enum":
      return `${error.message ?? "invalid value"} (${(params.allowedValues as unknown[] | undefined)?.map(String).join(", ") ?? ""})`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}
