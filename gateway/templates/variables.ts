// The variables a mapping template sees in API Gateway: $input (the payload
// and the method request's parameters), $context, $stageVariables, $util.

import { selectJson } from "./jsonpath";
import { TemplateError } from "./template-error";
import { javaString, util } from "./util";

export interface TemplateParameters {
  path: Record<string, string>;
  querystring: Record<string, string>;
  header: Record<string, string>;
}

export interface TemplateInput {
  /** The raw payload, "" when there is none. */
  body: string;
  params: TemplateParameters;
  context: Record<string, unknown>;
  stageVariables: Record<string, string>;
}

const NOT_JSON = Symbol("not JSON");

/** The variables for one rendering. The payload is parsed at most once, and only if the template asks for it. */
export function templateVariables(input: TemplateInput): Record<string, unknown> {
  let parsed: unknown;
  let parsedOnce = false;
  const document = (): unknown => {
    if (!parsedOnce) {
      parsedOnce = true;
      // An empty payload reads as an empty object, as in API Gateway.
      if (input.body.trim() === "") parsed = {};
      else {
        try {
          parsed = JSON.parse(input.body) as unknown;
        } catch {
          parsed = NOT_JSON;
        }
      }
    }
    return parsed;
  };
  const select = (path: unknown): unknown => {
    const expression = typeof path === "string" ? path : "$";
    const json = document();
    if (json === NOT_JSON) {
      if (expression.trim() === "$" || expression.trim() === "") return input.body;
      throw new TemplateError(`JSONPath '${expression}' cannot be applied: the payload is not JSON`);
    }
    try {
      return selectJson(json, expression);
    } catch (error) {
      throw new TemplateError(error instanceof Error ? error.message : String(error));
    }
  };
  const { path, querystring, header } = input.params;
  let headersByLowerName: Map<string, string> | undefined;
  const headerNamed = (name: string): string | undefined => {
    headersByLowerName ??= new Map(Object.entries(header).map(([headerName, value]) => [headerName.toLowerCase(), value]));
    return headersByLowerName.get(name.toLowerCase());
  };
  return {
    input: {
      body: input.body === "" ? "{}" : input.body,
      /** The selection as JSON text; a path that matches nothing gives "". */
      json: (jsonPath?: unknown) => {
        const value = select(jsonPath);
        return value === undefined ? '""' : JSON.stringify(value);
      },
      /** The selection as an object the template can walk; nothing when nothing matches. */
      path: (jsonPath?: unknown) => select(jsonPath) ?? undefined,
      /** With no name, every parameter by location; with one, its value from the path, the query string or a header, in that order. */
      params: (name?: unknown) => {
        if (name === undefined) return { path: { ...path }, querystring: { ...querystring }, header: { ...header } };
        const key = javaString(name);
        return path[key] ?? querystring[key] ?? headerNamed(key) ?? "";
      },
    },
    context: input.context,
    method: { request: { path: { ...path }, querystring: { ...querystring }, header: { ...header } } },
    stageVariables: input.stageVariables,
    util,
  };
}
