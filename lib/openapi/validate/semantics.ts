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
 */
export function checkSemantics(version: SpecVersion, root: Record<string, unknown>): DocumentProblem[] {
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
  const validCode =
    code === "default" ||
    (/^\d{3}$/.test(code) && Number(code) >= 100 && Number(code) <= 599) ||
    (version !== "2.0" && /^[1-5]XX$/.test(code));
  if (!validCode) {
    problems.push({ pointer, message: `${id} has an invalid response code (${code})` });
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
