import type { GatewayResponse, GatewayResponses, GatewayResponseType } from "@/lib/contracts";
import { CompileError, type FieldIssue } from "../compile/compile-error";
import type { GatewayError } from "../errors";
import type { RequestContext } from "../pipeline";
import { templateVariables } from "../templates/variables";
import { compileTemplate, type CompiledTemplate } from "../templates/velocity";

/**
 * An API's gateway responses (API Gateway's `x-amazon-apigateway-gateway-responses`):
 * the answers the gateway gives by itself, by type, with their status, headers
 * and body templates customised. A type the API does not customise takes
 * the API's DEFAULT_4XX or DEFAULT_5XX when it customises that, else the
 * gateway's own answer. Compiled with the snapshot; a stage that customises
 * nothing has none, and its errors go out as they were serialised.
 */

type HeaderSource =
  | { readonly kind: "literal"; readonly value: string }
  | { readonly kind: "header" | "querystring" | "path"; readonly name: string }
  | { readonly kind: "literal-stage"; readonly value: string | undefined };

interface CompiledResponse {
  readonly statusCode: number | undefined;
  readonly headers: readonly (readonly [string, HeaderSource])[];
  readonly contentType: string;
  readonly template: CompiledTemplate | null;
}

export interface RenderedResponse {
  readonly status: number;
  /** Flat [name, value, ...], content type and length included. */
  readonly headers: string[];
  readonly body: Buffer;
}

function compileSource(source: string, stageVariables: Readonly<Record<string, string>>): HeaderSource {
  if (source.startsWith("'")) return { kind: "literal", value: source.slice(1, -1) };
  if (source.startsWith("stageVariables.")) return { kind: "literal-stage", value: stageVariables[source.slice("stageVariables.".length)] };
  const match = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(source);
  if (match === null) throw new Error(`unsupported source ${source}`);
  const kind = match[1] as "header" | "querystring" | "path";
  return { kind, name: kind === "header" ? match[2].toLowerCase() : match[2] };
}

function compileResponse(
  response: GatewayResponse,
  stageVariables: Readonly<Record<string, string>>,
  where: string,
  issues: FieldIssue[],
): CompiledResponse {
  const headers = Object.entries(response.responseParameters).map(
    ([target, source]) => [target.slice("gatewayresponse.header.".length), compileSource(source, stageVariables)] as const,
  );
  const templates = Object.entries(response.responseTemplates);
  // One body per response: the JSON template when there is one, as API Gateway picks for JSON callers.
  const chosen = templates.find(([type]) => type === "application/json") ?? templates[0];
  let template: CompiledTemplate | null = null;
  if (chosen !== undefined) {
    try {
      template = compileTemplate(chosen[1]);
    } catch (error) {
      issues.push({
        path: `${where}.responseTemplates.${chosen[0]}`,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { statusCode: response.statusCode, headers, contentType: chosen?.[0] ?? "application/json", template };
}

function queryParams(query: string): Record<string, string> {
  const params: Record<string, string> = {};
  if (query !== "") for (const [name, value] of new URLSearchParams(query)) params[name] ??= value;
  return params;
}

function headerParams(ctx: RequestContext): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.req.headers)) {
    if (value !== undefined) params[name] = Array.isArray(value) ? value.join(",") : value;
  }
  return params;
}

function headerValue(source: HeaderSource, ctx: RequestContext): string | undefined {
  switch (source.kind) {
    case "literal":
      return source.value;
    case "literal-stage":
      return source.value;
    case "header": {
      const value = ctx.req.headers[source.name];
      return Array.isArray(value) ? value.join(",") : value;
    }
    case "querystring":
      return queryParams(ctx.query)[source.name];
    case "path":
      return ctx.params?.[source.name];
  }
}

export class CompiledGatewayResponses {
  private constructor(
    private readonly responses: ReadonlyMap<GatewayResponseType, CompiledResponse>,
    private readonly stageVariables: Readonly<Record<string, string>>,
  ) {}

  /** Null when the API customises no response. Throws CompileError for a template that does not parse. */
  static compile(responses: GatewayResponses, stageVariables: Readonly<Record<string, string>>): CompiledGatewayResponses | null {
    const entries = Object.entries(responses) as [GatewayResponseType, GatewayResponse | undefined][];
    if (entries.length === 0) return null;
    const issues: FieldIssue[] = [];
    const compiled = new Map<GatewayResponseType, CompiledResponse>();
    for (const [type, response] of entries) {
      if (response !== undefined) compiled.set(type, compileResponse(response, stageVariables, `api.gatewayResponses.${type}`, issues));
    }
    if (issues.length > 0) throw new CompileError(issues);
    return new CompiledGatewayResponses(compiled, stageVariables);
  }

  /** The customised answer for `error`, or null to send the gateway's own. */
  render(ctx: RequestContext, error: GatewayError): RenderedResponse | null {
    const response = this.responses.get(error.responseType) ?? this.responses.get(error.status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX");
    if (response === undefined) return null;
    const status = (this.responses.has(error.responseType) ? response.statusCode : undefined) ?? error.status;
    let body = error.body;
    if (response.template !== null) {
      try {
        body = Buffer.from(response.template.render(this.variables(ctx, error)));
      } catch {
        // A template that fails at run time leaves the default body: the caller still learns the status.
        body = error.body;
      }
    }
    const headers: string[] = ["content-type", response.contentType, "content-length", String(body.length)];
    for (let i = 0; i < error.headers.length; i++) headers.push(error.headers[i]);
    for (const [name, source] of response.headers) {
      const value = headerValue(source, ctx);
      if (value !== undefined) headers.push(name, value);
    }
    return { status, headers, body };
  }

  private variables(ctx: RequestContext, error: GatewayError): Record<string, unknown> {
    const message = error.message === "" ? null : error.message;
    const context = {
      requestId: ctx.requestId,
      apiId: ctx.stage?.apiId,
      stage: ctx.stage?.stage,
      httpMethod: ctx.req.method,
      resourcePath: ctx.route?.path,
      resourceId: ctx.route?.id,
      path: ctx.path,
      authorizer: ctx.authorizer ?? {},
      identity: { sourceIp: ctx.req.socket.remoteAddress, userAgent: ctx.req.headers["user-agent"] },
      error: {
        message,
        messageString: JSON.stringify(message),
        responseType: error.responseType,
        validationErrorString: error.responseType === "BAD_REQUEST_BODY" ? (message ?? "") : "",
      },
    };
    return templateVariables({
      body: "",
      params: { path: ctx.params ?? {}, querystring: queryParams(ctx.query), header: headerParams(ctx) },
      context,
      stageVariables: { ...this.stageVariables },
    });
  }
}
