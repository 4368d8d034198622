import { CompileError } from "../../compile/compile-error";
import type { RequestContext } from "../../pipeline";
import { contextValue, contextVariables, requestPathOf, type RouteFacts } from "./request-context";

// Parameter mappings: REST API `requestParameters`
// (`integration.request.header.x` ← `method.request.querystring.y`, ...) and
// HTTP API `parameterMapping` (`append:header.x` ← `$request.header.y`).
// Compiled once per route into readers; a request runs only the readers.

/**
 * The method request as mappings read it: query string and headers parsed
 * at most once, `$context` built at most once.
 */
export class MethodRequest {
  private queryValues: Map<string, string[]> | null = null;
  private contextObject: Record<string, unknown> | null = null;
  private lastQuery: Record<string, string> | null = null;
  private lastHeaders: Record<string, string> | null = null;

  constructor(
    readonly ctx: RequestContext,
    private readonly facts: RouteFacts,
  ) {}

  /** Every value of a query string parameter, in order. */
  queryAll(name: string): string[] {
    if (this.queryValues === null) {
      this.queryValues = new Map();
      for (const [key, value] of new URLSearchParams(this.ctx.query)) {
        const list = this.queryValues.get(key);
        if (list === undefined) this.queryValues.set(key, [value]);
        else list.push(value);
      }
    }
    return this.queryValues.get(name) ?? [];
  }

  /** The query string parameters, each with its last value (as API Gateway's single-value view). */
  queryLast(): Record<string, string> {
    if (this.lastQuery !== null) return this.lastQuery;
    this.queryAll("");
    const out: Record<string, string> = {};
    for (const [key, values] of this.queryValues!) out[key] = values[values.length - 1]!;
    return (this.lastQuery = out);
  }

  queryMulti(): Record<string, string[]> {
    this.queryAll("");
    return Object.fromEntries(this.queryValues!);
  }

  /** Every value of a header (case-insensitive), in order. */
  headerAll(name: string): string[] {
    const lower = name.toLowerCase();
    const raw = this.ctx.req.rawHeaders;
    const values: string[] = [];
    for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === lower) values.push(raw[i + 1]);
    return values;
  }

  /** Headers with their names as sent, each with its last value. */
  headersLast(): Record<string, string> {
    const raw = this.ctx.req.rawHeaders;
    const out: Record<string, string> = {};
    for (let i = 0; i < raw.length; i += 2) out[raw[i]] = raw[i + 1]!;
    return out;
  }

  headersMulti(): Record<string, string[]> {
    const raw = this.ctx.req.rawHeaders;
    const out: Record<string, string[]> = {};
    for (let i = 0; i < raw.length; i += 2) (out[raw[i]] ??= []).push(raw[i + 1]);
    return out;
  }

  path(name: string): string | undefined {
    return this.ctx.params !== null ? this.ctx.params[name] : undefined;
  }

  get context(): Record<string, unknown> {
    return (this.contextObject ??= contextVariables(this.ctx, this.facts));
  }
}

/** The integration request's parameters, as the mappings made them. */
export interface MappedParameters {
  path: Record<string, string>;
  querystring: [string, string][];
  header: [string, string][];
}

type Reader = (request: MethodRequest) => string[] | undefined;

interface RequestMapping {
  readonly location: "path" | "querystring" | "header";
  readonly name: string;
  readonly multi: boolean;
  readonly read: Reader;
}

const last = (values: string[]): string[] | undefined => (values.length === 0 ? undefined : [values[values.length - 1]]);

function compileSource(source: string, stageVariables: Record<string, string>, where: string): Reader {
  if (source.startsWith("'")) {
    const literal = [source.slice(1, -1)];
    return () => literal;
  }
  if (source.startsWith("stageVariables.")) {
    const variable = source.slice("stageVariables.".length);
    const value = stageVariables[variable];
    if (value === undefined)
      throw new CompileError([{ path: where, message: `stage variable '${variable}' is not defined for this stage` }]);
    const values = [value];
    return () => values;
  }
  if (source.startsWith("context.")) {
    const path = source.slice("context.".length);
    return (request) => {
      const value = contextValue(request.context, path);
      return value === undefined ? undefined : [value];
    };
  }
  const [, , location, ...rest] = source.split(".");
  const name = rest.join(".");
  switch (location) {
    case "path":
      return (request) => {
        const value = request.path(name);
        return value === undefined ? undefined : [value];
      };
    case "querystring":
      return (request) => last(request.queryAll(name));
    case "multivaluequerystring":
      return (request) => {
        const values = request.queryAll(name);
        return values.length === 0 ? undefined : values;
      };
    case "header":
      return (request) => last(request.headerAll(name));
    case "multivalueheader":
      return (request) => {
        const values = request.headerAll(name);
        return values.length === 0 ? undefined : values;
      };
    default:
      throw new CompileError([{ path: where, message: `'${source}' is not a mapping source` }]);
  }
}

export interface RequestMappings {
  readonly size: number;
  /** Runs every mapping; a source with no value maps nothing, as in API Gateway. */
  apply(request: MethodRequest): MappedParameters;
}

/** Compiles `integration.request.*` ← source mappings. */
export function compileRequestMappings(
  requestParameters: Readonly<Record<string, string>> | undefined,
  stageVariables: Record<string, string>,
  where: string,
): RequestMappings {
  const mappings: RequestMapping[] = [];
  for (const [target, source] of Object.entries(requestParameters ?? {})) {
    const [, , kind, ...nameParts] = target.split(".");
    const name = nameParts.join(".");
    const multi = kind === "multivaluequerystring" || kind === "multivalueheader";
    const location = kind === "path" ? "path" : kind === "header" || kind === "multivalueheader" ? "header" : "querystring";
    mappings.push({
      location,
      name: location === "header" ? name.toLowerCase() : name,
      multi,
      read: compileSource(source, stageVariables, `${where}.requestParameters["${target}"]`),
    });
  }
  return {
    size: mappings.length,
    apply(request) {
      const out: MappedParameters = { path: {}, querystring: [], header: [] };
      for (const mapping of mappings) {
        const values = mapping.read(request);
        if (values === undefined) continue;
        if (mapping.location === "path") out.path[mapping.name] = values[values.length - 1]!;
        else {
          const list = mapping.location === "header" ? out.header : out.querystring;
          if (mapping.multi) for (const value of values) list.push([mapping.name, value]);
          else list.push([mapping.name, values.join(",")]);
        }
      }
      return out;
    },
  };
}

// HTTP API parameter mapping.

const HTTP_API_VARIABLE =
  /\$(request\.(?:header|querystring|path)\.[A-Za-z0-9!#%&'*+^_`|~.-]+|request\.path|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)/g;

type ValuePart = string | ((request: MethodRequest) => string);

function compileHttpApiValue(value: string, stageVariables: Record<string, string>, where: string): (request: MethodRequest) => string {
  const parts: ValuePart[] = [];
  let lastIndex = 0;
  for (const match of value.matchAll(HTTP_API_VARIABLE)) {
    if (match.index > lastIndex) parts.push(value.slice(lastIndex, match.index));
    lastIndex = match.index + match[0].length;
    const variable = match[1];
    if (variable === "request.path") parts.push((request) => requestPathOf(request.ctx));
    else if (variable.startsWith("request.header.")) {
      const name = variable.slice("request.header.".length);
      parts.push((request) => request.headerAll(name).join(","));
    } else if (variable.startsWith("request.querystring.")) {
      const name = variable.slice("request.querystring.".length);
      parts.push((request) => request.queryAll(name).join(","));
    } else if (variable.startsWith("request.path.")) {
      const name = variable.slice("request.path.".length);
      parts.push((request) => request.path(name) ?? "");
    } else if (variable.startsWith("context.")) {
      const path = variable.slice("context.".length);
      parts.push((request) => contextValue(request.context, path) ?? "");
    } else {
      const name = variable.slice("stageVariables.".length);
      const resolved = stageVariables[name];
      if (resolved === undefined)
        throw new CompileError([{ path: where, message: `stage variable '${name}' is not defined for this stage` }]);
      parts.push(resolved);
    }
  }
  if (lastIndex < value.length) parts.push(value.slice(lastIndex));
  if (parts.every((part) => typeof part === "string")) {
    const fixed = parts.join("");
    return () => fixed;
  }
  return (request) => {
    let out = "";
    for (const part of parts) out += typeof part === "string" ? part : part(request);
    return out;
  };
}

export interface HttpApiMapping {
  readonly action: "append" | "overwrite" | "remove";
  readonly location: "header" | "querystring" | "path";
  /** Lower case for headers; "" for the path. */
  readonly name: string;
  readonly value: (request: MethodRequest) => string;
}

/** Compiles an HTTP API `parameterMapping` (`append:header.x`, `overwrite:path`, `remove:querystring.q`). */
export function compileParameterMapping(
  parameterMapping: Readonly<Record<string, string>> | undefined,
  stageVariables: Record<string, string>,
  where: string,
): HttpApiMapping[] {
  const mappings: HttpApiMapping[] = [];
  for (const [key, value] of Object.entries(parameterMapping ?? {})) {
    const colon = key.indexOf(":");
    const action = key.slice(0, colon) as HttpApiMapping["action"];
    const target = key.slice(colon + 1);
    const location = target === "path" ? "path" : target.startsWith("header.") ? "header" : "querystring";
    const name = location === "path" ? "" : target.slice(location.length + 1);
    mappings.push({
      action,
      location,
      name: location === "header" ? name.toLowerCase() : name,
      value: compileHttpApiValue(value, stageVariables, `${where}.parameterMapping["${key}"]`),
    });
  }
  return mappings;
}
