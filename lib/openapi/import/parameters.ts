import type { RequestParameter } from "../model";
import { appendPointer, isRecord, toPointer } from "../pointer";
import { restoreSchema } from "../schema-dialects";
import { isDanglingRef, resolveRef } from "../validate";
import type { ConvertContext } from "./context";
import { modelFor, operationLabel } from "./models";

// A method's request: its path, query and header parameters, and the body
// model (a Swagger 2.0 body parameter or an OpenAPI 3 requestBody).

/** A method's body: its model and the media type it is sent as. */
export interface RequestBody {
  model: string;
  contentType: string;
}

export function readParameters(
  ctx: ConvertContext,
  operation: Record<string, unknown>,
  item: Record<string, unknown>,
  pointer: string,
  path: string,
  httpMethod: string,
): { parameters: RequestParameter[]; body?: RequestBody } {
  const merged = new Map<string, { param: Record<string, unknown>; pointer: string }>();
  const collect = (list: unknown, listPointer: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, index) => {
      // A reference to nothing was reported by validation: the parameter is left out.
      if (isDanglingRef(ctx.root, raw)) return;
      const param = resolveRef(ctx.root, raw);
      if (isRecord(param)) merged.set(`${String(param.in)}:${String(param.name)}`, { param, pointer: appendPointer(listPointer, index) });
    });
  };
  // Operation parameters override path-level ones with the same name and location.
  collect(item.parameters, appendPointer(toPointer(["paths", path]), "parameters"));
  collect(operation.parameters, appendPointer(pointer, "parameters"));
  const parameters: RequestParameter[] = [];
  let body: RequestBody | undefined;
  let bodySeen = false;
  const placeholders = new Set((path.match(/\{[^}]+\}/g) ?? []).map((placeholder) => placeholder.slice(1, -1).replace(/\+$/, "")));
  for (const { param, pointer: paramPointer } of merged.values()) {
    const location = String(param.in);
    const name = String(param.name);
    // Validation warned about a path parameter the path does not name, and about a second body.
    if (location === "path" && !placeholders.has(name)) continue;
    if (location === "body" && bodySeen) continue;
    if (location === "path" || location === "query" || location === "header") {
      const parameter: RequestParameter = {
        in: location === "query" ? "querystring" : location,
        name,
        required: location === "path" ? true : param.required === true,
      };
      const schema = parameterSchema(ctx, param);
      if (schema) parameter.schema = schema;
      parameters.push(parameter);
    } else if (location === "body") {
      bodySeen = true;
      const contentType = mediaTypeOf(operation.consumes, ctx.root.consumes);
      const model = modelFor(ctx, param.schema, contentType, `${operationLabel(httpMethod, path, operation)}Request`);
      if (model) {
        body = { model, contentType };
        ctx.report.add(paramPointer, "request body", "applied", `The ${contentType} body is validated against the model ${model}.`);
      }
    } else {
      ctx.report.add(paramPointer, `${location} parameter`, "ignored", `${location} parameters ("${name}") are not validated by Portico.`);
    }
  }
  // OpenAPI 3 documents written for AWS often leave path parameters undeclared.
  for (const placeholder of path.match(/\{[^}]+\}/g) ?? []) {
    const name = placeholder.slice(1, -1).replace(/\+$/, "");
    if (!parameters.some((parameter) => parameter.in === "path" && parameter.name === name)) {
      parameters.push({ in: "path", name, required: true });
      ctx.report.add(
        pointer,
        "path parameter",
        "emulated",
        `The path parameter "${name}" is not declared; it is added as a required string.`,
      );
    }
  }
  parameters.sort(compareParameters);
  return { parameters, body };
}

/** An OpenAPI 3 requestBody: one media type is kept, JSON first. */
export function readRequestBody(
  ctx: ConvertContext,
  operation: Record<string, unknown>,
  pointer: string,
  httpMethod: string,
  path: string,
): RequestBody | undefined {
  const body = resolveRef(ctx.root, operation.requestBody);
  if (!isRecord(body) || !isRecord(body.content)) return undefined;
  const bodyPointer = appendPointer(pointer, "requestBody");
  const entries = Object.entries(body.content).filter(([, media]) => isRecord(media) && media.schema !== undefined);
  const chosen = entries.find(([type]) => type.includes("json")) ?? entries[0];
  for (const [type] of Object.entries(body.content)) {
    if (chosen && type !== chosen[0]) {
      ctx.report.add(
        appendPointer(bodyPointer, "content", type),
        "request body",
        "ignored",
        `Only one body model is kept per method (${chosen[0]}); ${type} is not validated.`,
      );
    }
  }
  if (!chosen) return undefined;
  const media = chosen[1] as Record<string, unknown>;
  const model = modelFor(ctx, media.schema, chosen[0], `${operationLabel(httpMethod, path, operation)}Request`);
  if (!model) return undefined;
  ctx.report.add(bodyPointer, "request body", "applied", `The ${chosen[0]} body is validated against the model ${model}.`);
  return { model, contentType: chosen[0] };
}

/** Path parameters first, then query, then headers; by name within each. */
export function compareParameters(a: RequestParameter, b: RequestParameter): number {
  const order = { path: 0, querystring: 1, header: 2 };
  return order[a.in] - order[b.in] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function parameterSchema(ctx: ConvertContext, param: Record<string, unknown>): Record<string, unknown> | undefined {
  // Written by Portico's export where the target version forces a schema the API does not have.
  if (param["x-portico-no-schema"] === true) return undefined;
  const exported = param["x-portico-schema"];
  if (isRecord(exported)) return restoreSchema(exported) as Record<string, unknown>;
  if (ctx.version !== "2.0" || param.schema !== undefined) {
    const schema = param.schema;
    if (schema === undefined) return undefined;
    return ctx.schemas.modelSchema(restoreSchema(schema));
  }
  const schema: Record<string, unknown> = {};
  for (const key of [
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
  ]) {
    if (param[key] !== undefined) schema[key] = param[key];
  }
  return Object.keys(schema).length > 0 ? schema : undefined;
}

/**
 * The media type Swagger 2.0's consumes or produces (the operation's, else
 * the document's) gives a body: a JSON one first, else the first listed,
 * else application/json. Portico keeps one model per body or response.
 */
export function mediaTypeOf(operationTypes: unknown, documentTypes: unknown): string {
  const types = Array.isArray(operationTypes) ? operationTypes : Array.isArray(documentTypes) ? documentTypes : [];
  const json = types.map(String).find((type) => type.includes("json"));
  return json ?? (types.length > 0 ? String(types[0]) : "application/json");
}
