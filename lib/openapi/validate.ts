import AjvDraft04 from "ajv-draft-04";
import Ajv2020 from "ajv/dist/2020";
import type { ErrorObject, ValidateFunction } from "ajv";
import swagger20Schema from "./schemas/swagger-2.0.json";
import openapi30Schema from "./schemas/openapi-3.0.json";
import openapi31Schema from "./schemas/openapi-3.1.json";
import type { DocumentProblem } from "./problems";
import { appendPointer, getAtPointer, internalRefSegments, isRecord, toPointer } from "./pointer";

export type SpecVersion = "2.0" | "3.0" | "3.1";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

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

  const refs = checkReferences(root);
  const problems = [...refs, ...checkSchema(version, root)];
  if (problems.length === 0) problems.push(...checkSemantics(version, root));
  return { version, problems: problems.slice(0, MAX_PROBLEMS) };
}

export function detectVersion(document: unknown): { version: SpecVersion } | { problem: DocumentProblem } {
  if (!isRecord(document)) {
    return {
      problem: {
        pointer: "",
        message: "The document is not an OpenAPI or Swagger document: its top level must be a mapping (an object), with an `openapi` or `swagger` field.",
      },
    };
  }
  const template = describeTemplate(document);
  if (template) return { problem: template };
  if (isRecord(document.info) && typeof document.info.version === "number") {
    return {
      problem: { pointer: "/info/version", message: 'API version number must be a string (e.g. "1.0.0") not a number. Quote it in the document.' },
    };
  }
  if ("swagger" in document) {
    const swagger = document.swagger;
    if (typeof swagger === "number") {
      return {
        problem: { pointer: "/swagger", message: 'Swagger version number must be a string (e.g. "2.0") not a number. Write swagger: "2.0".' },
      };
    }
    if (swagger === "2.0") return { version: "2.0" };
    return {
      problem: {
        pointer: "/swagger",
        message: `Unrecognized Swagger version: ${String(swagger)}. Expected 2.0. ${
          String(swagger).startsWith("1.")
            ? "Swagger 1.x documents must be converted to Swagger 2.0 or OpenAPI 3 first."
            : "OpenAPI 3 documents declare their version in an `openapi` field instead."
        }`,
      },
    };
  }
  if ("openapi" in document) {
    const openapi = document.openapi;
    if (typeof openapi !== "string") {
      return { problem: { pointer: "/openapi", message: 'The OpenAPI version must be a string such as "3.0.3" or "3.1.0", not a number. Quote it.' } };
    }
    if (openapi.startsWith("3.0")) return { version: "3.0" };
    if (openapi.startsWith("3.1")) return { version: "3.1" };
    return {
      problem: {
        pointer: "/openapi",
        message: `Unsupported OpenAPI version ${openapi}: Portico imports OpenAPI 3.0.x and 3.1.x, and Swagger 2.0 (declared as swagger: "2.0").`,
      },
    };
  }
  return {
    problem: {
      pointer: "",
      message: "The document is not an OpenAPI or Swagger document: it has neither an `openapi` nor a `swagger` field.",
    },
  };
}

/** CloudFormation and SAM templates carry the API document inside a resource. */
function describeTemplate(document: Record<string, unknown>): DocumentProblem | undefined {
  const resources = document.Resources;
  if (!("AWSTemplateFormatVersion" in document) && !("Transform" in document) && !isRecord(resources)) return undefined;
  if ("openapi" in document || "swagger" in document) return undefined;
  if (isRecord(resources)) {
    for (const [name, resource] of Object.entries(resources)) {
      const properties = isRecord(resource) ? resource.Properties : undefined;
      if (!isRecord(properties)) continue;
      for (const key of ["DefinitionBody", "Body"]) {
        if (isRecord(properties[key])) {
          const pointer = toPointer(["Resources", name, "Properties", key]);
          return {
            pointer,
            message: `This is a CloudFormation/SAM template, not an OpenAPI document. Its API definition is under Resources.${name}.Properties.${key}: import that part on its own, with the CloudFormation placeholders (Fn::Sub, Ref, \${AWS::Region}) replaced by real values.`,
          };
        }
      }
    }
  }
  return {
    pointer: "",
    message: "This is a CloudFormation/SAM template, not an OpenAPI document, and it holds no inline API definition (DefinitionBody). Import the OpenAPI file the template refers to instead.",
  };
}

const INTRINSIC_KEYS = new Set([
  "Ref",
  "Fn::Sub",
  "Fn::GetAtt",
  "Fn::Join",
  "Fn::If",
  "Fn::ImportValue",
  "Fn::FindInMap",
  "Fn::Select",
  "Fn::Split",
  "Fn::Base64",
  "Fn::GetAZs",
  "Fn::Transform",
]);
const PSEUDO_PARAMETER = /\$\{AWS::[A-Za-z]+\}/;

function findCloudFormationLeftovers(root: Record<string, unknown>): DocumentProblem[] {
  const found: DocumentProblem[] = [];
  const visit = (value: unknown, pointer: string) => {
    if (found.length >= 10) return;
    if (typeof value === "string") {
      const match = value.match(PSEUDO_PARAMETER);
      if (match) found.push(leftover(pointer, match[0]));
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, pointer + "/" + index));
      return;
    }
    if (!isRecord(value)) return;
    const keys = Object.keys(value);
    // "Ref" alone is an intrinsic; a property named Ref beside others is ordinary data.
    if (keys.length === 1 && INTRINSIC_KEYS.has(keys[0])) {
      found.push(leftover(pointer, keys[0]));
      return;
    }
    for (const key of keys) visit(value[key], appendPointer(pointer, key));
  };
  visit(root, "");
  return found;
}

function leftover(pointer: string, what: string): DocumentProblem {
  return {
    pointer,
    message: `The document still holds a CloudFormation placeholder (${what}): it is a template fragment, not a finished document. Replace the placeholders with real values (or export the deployed API from AWS) and import again.`,
  };
}

/** Every internal $ref must point at something; references to other files are not followed. */
function checkReferences(root: Record<string, unknown>): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const visit = (value: unknown, pointer: string) => {
    if (problems.length >= MAX_PROBLEMS) return;
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
        problems.push({ pointer: pointer + "/$ref", message: `The reference "${ref}" points to nothing: ${ref} does not exist in this document.` });
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

function checkSchema(version: SpecVersion, root: Record<string, unknown>): DocumentProblem[] {
  const validate = validatorFor(version);
  const subject = withResolvedPathItems(root);
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

const PRIMITIVE_TYPES = ["array", "boolean", "integer", "number", "string"];
const SCHEMA_TYPES = ["array", "boolean", "integer", "number", "string", "object", "null", undefined];

/**
 * The rules of the specifications that their JSON Schemas cannot express,
 * after swagger-parser's validateSpec (whose messages people search for).
 * Swagger 2.0 gets all of them; OpenAPI 3 the ones that apply to it.
 */
function checkSemantics(version: SpecVersion, root: Record<string, unknown>): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const resolve = (value: unknown): unknown => resolveRef(root, value);
  const operationIds = new Map<string, string>();
  const paths = isRecord(root.paths) ? root.paths : {};
  for (const [pathName, rawItem] of Object.entries(paths)) {
    const item = resolve(rawItem);
    if (!isRecord(item) || !pathName.startsWith("/")) continue;
    const pathPointer = toPointer(["paths", pathName]);
    const pathId = "/paths" + pathName;
    const pathParams = asArray(item.parameters).map(resolve).filter(isRecord);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      const operationPointer = appendPointer(pathPointer, method);
      const operationId = `${pathId}/${method}`;
      if (typeof operation.operationId === "string") {
        const first = operationIds.get(operation.operationId);
        if (first) {
          problems.push({
            pointer: appendPointer(operationPointer, "operationId"),
            message: `Duplicate operation id '${operation.operationId}': it is also used at ${first}. Operation ids must be unique.`,
          });
        } else {
          operationIds.set(operation.operationId, operationId);
        }
      }
      const operationParams = asArray(operation.parameters).map(resolve).filter(isRecord);
      checkDuplicates(pathParams, pathPointer, pathId, problems);
      checkDuplicates(operationParams, operationPointer, operationId, problems);
      const params = [...operationParams];
      for (const param of pathParams) {
        if (!params.some((other) => other.in === param.in && other.name === param.name)) params.push(param);
      }
      checkBodyParameters(params, operationPointer, operationId, problems);
      checkPathParameters(version, pathName, params, operationPointer, operationId, problems);
      if (version === "2.0") checkParameterTypes(root, params, operation, operationPointer, operationId, problems);
      const responses = isRecord(operation.responses) ? operation.responses : {};
      for (const [code, rawResponse] of Object.entries(responses)) {
        const responsePointer = appendPointer(operationPointer, "responses", code);
        checkResponse(version, root, code, resolve(rawResponse), responsePointer, `${operationId}/responses/${code}`, problems);
      }
    }
  }
  if (version === "2.0" && isRecord(root.definitions)) {
    for (const [name, definition] of Object.entries(root.definitions)) {
      checkRequiredPropertiesExist(root, definition, toPointer(["definitions", name]), `/definitions/${name}`, problems);
    }
  }
  return problems;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
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

function checkDuplicates(params: Record<string, unknown>[], pointer: string, id: string, problems: DocumentProblem[]) {
  const seen = new Set<string>();
  for (const param of params) {
    const key = `${String(param.in)}\u0000${String(param.name)}`;
    if (seen.has(key)) {
      problems.push({
        pointer: appendPointer(pointer, "parameters"),
        message: `${id} has duplicate parameters: more than one ${String(param.in)} parameter is named "${String(param.name)}".`,
      });
      return;
    }
    seen.add(key);
  }
}

function checkBodyParameters(params: Record<string, unknown>[], pointer: string, id: string, problems: DocumentProblem[]) {
  const body = params.filter((param) => param.in === "body").length;
  const form = params.filter((param) => param.in === "formData").length;
  if (body > 1) {
    problems.push({ pointer, message: `${id} has ${body} body parameters. Only one is allowed.` });
  } else if (body > 0 && form > 0) {
    problems.push({ pointer, message: `${id} has body parameters and formData parameters. Only one or the other is allowed.` });
  }
}

function checkPathParameters(
  version: SpecVersion,
  pathName: string,
  params: Record<string, unknown>[],
  pointer: string,
  id: string,
  problems: DocumentProblem[],
) {
  const placeholders = (pathName.match(/\{[^}]+\}/g) ?? []).map((placeholder) => placeholder.replace(/\+\}$/, "}"));
  const seen = new Set<string>();
  for (const placeholder of placeholders) {
    if (seen.has(placeholder)) {
      problems.push({ pointer, message: `${id} has multiple path placeholders named ${placeholder}` });
      return;
    }
    seen.add(placeholder);
  }
  const remaining = [...placeholders];
  for (const param of params.filter((candidate) => candidate.in === "path")) {
    if (param.required !== true) {
      problems.push({
        pointer,
        message: `Path parameters cannot be optional. Set required=true for the "${String(param.name)}" parameter at ${id}`,
      });
    }
    const index = remaining.indexOf(`{${String(param.name)}}`);
    if (index === -1) {
      problems.push({
        pointer,
        message: `${id} has a path parameter named "${String(param.name)}", but there is no corresponding {${String(param.name)}} in the path string`,
      });
    } else {
      remaining.splice(index, 1);
    }
  }
  // OpenAPI 3 documents written for AWS often leave path parameters undeclared,
  // and AWS accepts them; the import declares them and reports it.
  if (remaining.length > 0 && version === "2.0") {
    problems.push({ pointer, message: `${id} is missing path parameter(s) for ${remaining.join(",")}` });
  }
}

function checkParameterTypes(
  root: Record<string, unknown>,
  params: Record<string, unknown>[],
  operation: Record<string, unknown>,
  pointer: string,
  id: string,
  problems: DocumentProblem[],
) {
  for (const param of params) {
    const parameterId = `${id}/parameters/${String(param.name)}`;
    let schema: unknown;
    let validTypes: Array<string | undefined>;
    if (param.in === "body") {
      schema = resolveRef(root, param.schema);
      validTypes = SCHEMA_TYPES;
    } else if (param.in === "formData") {
      schema = param;
      validTypes = [...PRIMITIVE_TYPES, "file"];
    } else {
      schema = param;
      validTypes = PRIMITIVE_TYPES;
    }
    if (!isRecord(schema)) continue;
    checkSchemaType(schema, pointer, parameterId, validTypes, problems);
    checkRequiredPropertiesExist(root, schema, pointer, parameterId, problems);
    if (schema.type === "file") {
      const consumes = asArray(operation.consumes ?? root.consumes).map(String);
      const accepted = consumes.some(
        (type) => /multipart\/(.*\+)?form-data/.test(type) || /application\/(.*\+)?x-www-form-urlencoded/.test(type),
      );
      if (!accepted) {
        problems.push({
          pointer,
          message: `${id} has a file parameter, so it must consume multipart/form-data or application/x-www-form-urlencoded`,
        });
      }
    }
  }
}

function checkResponse(
  version: SpecVersion,
  root: Record<string, unknown>,
  code: string,
  response: unknown,
  pointer: string,
  id: string,
  problems: DocumentProblem[],
) {
  const validCode = code === "default" || (/^\d{3}$/.test(code) && Number(code) >= 100 && Number(code) <= 599) || (version !== "2.0" && /^[1-5]XX$/.test(code));
  if (!validCode) {
    problems.push({ pointer, message: `${id} has an invalid response code (${code})` });
  }
  if (version !== "2.0" || !isRecord(response)) return;
  const headers = isRecord(response.headers) ? response.headers : {};
  for (const [name, header] of Object.entries(headers)) {
    if (isRecord(header)) checkSchemaType(header, appendPointer(pointer, "headers", name), `${id}/headers/${name}`, PRIMITIVE_TYPES, problems);
  }
  const schema = resolveRef(root, response.schema);
  if (isRecord(schema)) {
    checkSchemaType(schema, appendPointer(pointer, "schema"), `${id}/schema`, [...SCHEMA_TYPES, "file"], problems);
  }
}

function checkSchemaType(
  schema: Record<string, unknown>,
  pointer: string,
  id: string,
  validTypes: Array<string | undefined>,
  problems: DocumentProblem[],
) {
  const type = schema.type;
  if (typeof type !== "string" && type !== undefined) return;
  if (!validTypes.includes(type)) {
    problems.push({ pointer, message: `${id} has an invalid type (${String(type)})` });
  } else if (type === "array" && !schema.items) {
    problems.push({ pointer, message: `${id} is an array, so it must include an "items" schema` });
  }
}

function checkRequiredPropertiesExist(
  root: Record<string, unknown>,
  rawSchema: unknown,
  pointer: string,
  id: string,
  problems: DocumentProblem[],
) {
  const schema = resolveRef(root, rawSchema);
  if (!isRecord(schema)) return;
  const type = schema.type;
  const isObject = Array.isArray(type) ? type.includes("object") : type === "object";
  if (!isObject || !Array.isArray(schema.required)) return;
  const properties = new Set<string>();
  const collect = (node: unknown, depth: number) => {
    const resolved = resolveRef(root, node);
    if (!isRecord(resolved) || depth > 20) return;
    if (isRecord(resolved.properties)) for (const name of Object.keys(resolved.properties)) properties.add(name);
    for (const parent of asArray(resolved.allOf)) collect(parent, depth + 1);
  };
  collect(schema, 0);
  for (const name of schema.required) {
    if (!properties.has(String(name))) {
      problems.push({
        pointer: appendPointer(pointer, "required"),
        message: `Property '${String(name)}' listed as required but does not exist in '${id}'`,
      });
    }
  }
}
