import type { DocumentProblem } from "../problems";
import { appendPointer, isRecord, toPointer } from "../pointer";
import { resolveRef } from "./references";
import { HTTP_METHODS, type SpecVersion } from "./version";

const PRIMITIVE_TYPES = ["array", "boolean", "integer", "number", "string"];
const SCHEMA_TYPES = ["array", "boolean", "integer", "number", "string", "object", "null", undefined];

/**
 * The rules of the specifications that their JSON Schemas cannot express,
 * after swagger-parser's validateSpec (whose messages people search for).
 * Swagger 2.0 gets all of them; OpenAPI 3 the ones that apply to it.
 *
 * AWS API Gateway imports documents that break most of them, warning about
 * the parts it leaves out, and so does Portico: a broken rule is a warning
 * (the message says what the import does about it) unless nothing sensible
 * can be imported. Warnings reject the document only with failOnWarnings.
 * Rules that AWS does not enforce at all (required properties that are not
 * declared, arrays without items, file parameters without a form media type)
 * are not checked: JSON Schema allows the first two, and Portico does not
 * read form data.
 */
export function checkSemantics(
  version: SpecVersion,
  root: Record<string, unknown>,
): { problems: DocumentProblem[]; warnings: DocumentProblem[] } {
  const problems: DocumentProblem[] = [];
  const warnings: DocumentProblem[] = [];
  const resolve = (value: unknown): unknown => resolveRef(root, value);
  const operationIds = new Map<string, string>();
  const paths = isRecord(root.paths) ? root.paths : {};
  for (const [pathName, rawItem] of Object.entries(paths)) {
    const item = resolve(rawItem);
    if (!isRecord(item) || !pathName.startsWith("/")) continue;
    const pathPointer = toPointer(["paths", pathName]);
    const pathId = "/paths" + pathName;
    const pathParams = asArray(item.parameters).map(resolve).filter(isRecord);
    const repeated = repeatedPlaceholder(pathName);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      const operationPointer = appendPointer(pathPointer, method);
      const operationId = `${pathId}/${method}`;
      if (repeated) {
        warnings.push({
          pointer: operationPointer,
          message: `${operationId} has multiple path placeholders named ${repeated}: a request could not fill both, so the operation is not imported.`,
        });
        continue;
      }
      if (typeof operation.operationId === "string") {
        const first = operationIds.get(operation.operationId);
        if (first) {
          warnings.push({
            pointer: appendPointer(operationPointer, "operationId"),
            message: `Duplicate operation id '${operation.operationId}': it is also used at ${first}. Operation ids must be unique; this method is imported without an operation name.`,
          });
        } else {
          operationIds.set(operation.operationId, operationId);
        }
      }
      const operationParams = asArray(operation.parameters).map(resolve).filter(isRecord);
      checkDuplicates(pathParams, pathPointer, pathId, warnings);
      checkDuplicates(operationParams, operationPointer, operationId, warnings);
      const params = [...operationParams];
      for (const param of pathParams) {
        if (!params.some((other) => other.in === param.in && other.name === param.name)) params.push(param);
      }
      checkBodyParameters(params, operationPointer, operationId, warnings);
      checkPathParameters(pathName, params, operationPointer, operationId, warnings);
      if (version === "2.0") checkParameterTypes(root, params, operationPointer, operationId, problems);
      const responses = isRecord(operation.responses) ? operation.responses : {};
      for (const [code, rawResponse] of Object.entries(responses)) {
        const responsePointer = appendPointer(operationPointer, "responses", code);
        checkResponse(version, root, code, resolve(rawResponse), responsePointer, `${operationId}/responses/${code}`, problems, warnings);
      }
    }
  }
  return { problems, warnings };
}

/** "{id}" for each placeholder of a path, greedy ones ("{proxy+}") included as "{proxy}". */
function placeholdersOf(pathName: string): string[] {
  return (pathName.match(/\{[^}]+\}/g) ?? []).map((placeholder) => placeholder.replace(/\+\}$/, "}"));
}

/** The first placeholder a path names twice ("/users/{id}/friends/{id}"), which no request can fill. */
export function repeatedPlaceholder(pathName: string): string | undefined {
  const seen = new Set<string>();
  for (const placeholder of placeholdersOf(pathName)) {
    if (seen.has(placeholder)) return placeholder;
    seen.add(placeholder);
  }
  return undefined;
}

/** 100–599, "default", and in OpenAPI 3 the ranges 1XX–5XX. */
export function isValidResponseCode(version: SpecVersion, code: string): boolean {
  return (
    code === "default" ||
    (/^\d{3}$/.test(code) && Number(code) >= 100 && Number(code) <= 599) ||
    (version !== "2.0" && /^[1-5]XX$/.test(code))
  );
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function checkDuplicates(params: Record<string, unknown>[], pointer: string, id: string, problems: DocumentProblem[]) {
  const seen = new Set<string>();
  for (const param of params) {
    const key = `${String(param.in)}\u0000${String(param.name)}`;
    if (seen.has(key)) {
      problems.push({
        pointer: appendPointer(pointer, "parameters"),
        message: `${id} has duplicate parameters: more than one ${String(param.in)} parameter is named "${String(param.name)}". The last one is imported.`,
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
    problems.push({ pointer, message: `${id} has ${body} body parameters. Only one is allowed; the first is imported as the body model.` });
  } else if (body > 0 && form > 0) {
    problems.push({
      pointer,
      message: `${id} has body parameters and formData parameters. Only one or the other is allowed; the body is imported and the form parameters are not.`,
    });
  }
}

function checkPathParameters(
  pathName: string,
  params: Record<string, unknown>[],
  pointer: string,
  id: string,
  problems: DocumentProblem[],
) {
  const placeholders = placeholdersOf(pathName);
  // Optional path parameters are refused by the 2.0 schema; in OpenAPI 3 the
  // import makes them required, as a path always fills them. Placeholders
  // without a declared parameter are declared by the import (AWS accepts
  // them in both versions).
  for (const param of params.filter((candidate) => candidate.in === "path")) {
    if (!placeholders.includes(`{${String(param.name)}}`)) {
      problems.push({
        pointer,
        message: `${id} has a path parameter named "${String(param.name)}", but there is no corresponding {${String(param.name)}} in the path string; the parameter is not imported.`,
      });
    }
  }
}

function checkParameterTypes(
  root: Record<string, unknown>,
  params: Record<string, unknown>[],
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
      validTypes = [...PRIMITIVE_TYPES, "file", undefined];
    } else {
      // A parameter without a type is a string to AWS.
      schema = param;
      validTypes = [...PRIMITIVE_TYPES, undefined];
    }
    if (isRecord(schema)) checkSchemaType(schema, pointer, parameterId, validTypes, problems);
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
  warnings: DocumentProblem[],
) {
  if (!isValidResponseCode(version, code)) {
    warnings.push({ pointer, message: `${id} has an invalid response code (${code}); the response is not imported.` });
    return;
  }
  if (version !== "2.0" || !isRecord(response)) return;
  const headers = isRecord(response.headers) ? response.headers : {};
  for (const [name, header] of Object.entries(headers)) {
    if (isRecord(header))
      checkSchemaType(header, appendPointer(pointer, "headers", name), `${id}/headers/${name}`, PRIMITIVE_TYPES, problems);
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
  // An array without items is an array of anything to JSON Schema, and to AWS.
  if (!validTypes.includes(type)) problems.push({ pointer, message: `${id} has an invalid type (${String(type)})` });
}
