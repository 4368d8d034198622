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

/**
 * `$input` for one rendering: the payload is parsed at most once, and only if
 * the template asks for it. A class, so that a rendering allocates one object
 * rather than a closure per method.
 */
class InputVariable {
  private parsed: unknown = undefined;
  private parsedOnce = false;
  private headersByLowerName: Map<string, string> | undefined;
  readonly body: string;

  constructor(private readonly input: TemplateInput) {
    this.body = input.body === "" ? "{}" : input.body;
  }

  private document(): unknown {
    if (!this.parsedOnce) {
      this.parsedOnce = true;
      // An empty payload reads as an empty object, as in API Gateway.
      if (this.input.body.trim() === "") this.parsed = {};
      else {
        try {
          this.parsed = JSON.parse(this.input.body) as unknown;
        } catch {
          this.parsed = NOT_JSON;
        }
      }
    }
    return this.parsed;
  }

  private select(path: unknown): unknown {
    const expression = typeof path === "string" ? path : "$";
    const json = this.document();
    if (json === NOT_JSON) {
      if (expression.trim() === "$" || expression.trim() === "") return this.input.body;
      throw new TemplateError(`JSONPath '${expression}' cannot be applied: the payload is not JSON`);
    }
    try {
      return selectJson(json, expression);
    } catch (error) {
      throw new TemplateError(error instanceof Error ? error.message : String(error));
    }
  }

  /** The selection as JSON text; a path that matches nothing gives "". */
  json(jsonPath?: unknown): string {
    const value = this.select(jsonPath);
    return value === undefined ? '""' : JSON.stringify(value);
  }

  /** The selection as an object the template can walk; nothing when nothing matches. */
  path(jsonPath?: unknown): unknown {
    return this.select(jsonPath) ?? undefined;
  }

  /** With no name, every parameter by location; with one, its value from the path, the query string or a header, in that order. */
  params(name?: unknown): unknown {
    const { path, querystring, header } = this.input.params;
    if (name === undefined) return { path: { ...path }, querystring: { ...querystring }, header: { ...header } };
    const key = javaString(name);
    return path[key] ?? querystring[key] ?? this.headerNamed(key) ?? "";
  }

  private headerNamed(name: string): string | undefined {
    this.headersByLowerName ??= new Map(
      Object.entries(this.input.params.header).map(([headerName, value]) => [headerName.toLowerCase(), value]),
    );
    return this.headersByLowerName.get(name.toLowerCase());
  }
}

/** The variables for one rendering. */
export function templateVariables(input: TemplateInput): Record<string, unknown> {
  const { path, querystring, header } = input.params;
  return {
    input: new InputVariable(input),
    context: input.context,
    // Copies: a template's #set must not reach the request's own parameters.
    method: { request: { path: { ...path }, querystring: { ...querystring }, header: { ...header } } },
    stageVariables: input.stageVariables,
    util,
  };
}
