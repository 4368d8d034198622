import type { IntegrationResponse } from "@/lib/contracts";
import { BodyTooLargeError, hasBody, readBody } from "../body";
import { CompileError } from "../compile/compile-error";
import { errors, GatewayError } from "../errors";
import type { Logger } from "../logger";
import { traceOf, tracedBody, type CompiledIntegration, type RequestContext } from "../pipeline";
import { appendGatewayHeaders, sendError } from "../respond";
import { selectJson } from "../templates/jsonpath";
import { TemplateError } from "../templates/template-error";
import { templateVariables } from "../templates/variables";
import type { CompiledTemplate } from "../templates/velocity";
import { convertPayload, mediaTypeOf, type BinaryMediaTypes, type ContentHandling } from "./mapping/media";
import { compileRequestMappings, MethodRequest, type MappedParameters } from "./mapping/parameters";
import { contextValue, scalarText, type RouteFacts } from "./mapping/request-context";
import {
  chooseRequestTemplate,
  chooseResponseTemplate,
  compileIntegrationResponses,
  compileTemplates,
  selectIntegrationResponse,
  type CompiledIntegrationResponse,
  type PassthroughBehavior,
} from "./mapping/templates";

// API Gateway's non-proxy integrations (`http`, `mock`, `aws` with Lambda):
// the method request is mapped (parameters, a request template chosen by
// Content-Type), sent to the backend, and its answer mapped back through
// the integration response its status code or error message selects.

export const unsupportedMediaType = new GatewayError(
  415,
  "Unsupported Media Type",
  "unsupported_media_type",
  [],
  undefined,
  "UNSUPPORTED_MEDIA_TYPE",
  "body.media-type",
);

/** What the backend received. */
export interface IntegrationRequest {
  readonly params: MappedParameters;
  readonly body: Buffer;
  /** The body's media type: the template's when one rendered it, else the client's. */
  readonly contentType: string | undefined;
  /** The rendered template's text, when one ran (a mock reads its statusCode from it). */
  readonly rendered: string | null;
}

/** What the backend answered, in the terms integration responses select on. */
export interface BackendAnswer {
  /** Matched against selection patterns: the status code (HTTP, mock), the error message (Lambda), or null (Lambda success: the default response). */
  readonly selector: string | null;
  readonly statusCode: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: Buffer;
}

export type Backend = (ctx: RequestContext, request: IntegrationRequest) => Promise<BackendAnswer>;

export interface MappedIntegrationSpec {
  readonly type: "http" | "mock" | "aws";
  readonly origin: string | null;
  readonly requestParameters: Readonly<Record<string, string>> | undefined;
  readonly requestTemplates: Readonly<Record<string, string>> | undefined;
  readonly passthroughBehavior: PassthroughBehavior | undefined;
  readonly contentHandling: ContentHandling;
  readonly responses: readonly IntegrationResponse[] | undefined;
  /** With no integration responses: true passes the backend's answer on (Portico's `http`), false is API Gateway's 500. */
  readonly passWithoutResponses: boolean;
  readonly backend: Backend;
}

export interface MappedIntegrationEnv {
  readonly stageVariables: Record<string, string>;
  readonly facts: RouteFacts;
  readonly binaryMediaTypes: BinaryMediaTypes;
  readonly maxBodyBytes: number;
  readonly logger: Logger;
  /** JSON path of the integration in the snapshot, for compile errors. */
  readonly where: string;
}

/** Why the integration answered 500 by itself, for the log. */
class IntegrationFault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type ResponseReader = (answer: BackendAnswer, method: MethodRequest) => string | undefined;

function compileResponseSource(source: string, stageVariables: Record<string, string>, where: string): ResponseReader {
  if (source.startsWith("'")) {
    const literal = source.slice(1, -1);
    return () => literal;
  }
  if (source.startsWith("stageVariables.")) {
    const value = stageVariables[source.slice("stageVariables.".length)];
    if (value === undefined) throw new CompileError([{ path: where, message: `${source} is not defined for this stage` }]);
    return () => value;
  }
  if (source.startsWith("context.")) {
    const path = source.slice("context.".length);
    return (_answer, method) => contextValue(method.context, path);
  }
  if (source.startsWith("integration.response.header.")) {
    const name = source.slice("integration.response.header.".length).toLowerCase();
    return (answer) => answer.headers[name]?.at(-1);
  }
  if (source.startsWith("integration.response.multivalueheader.")) {
    const name = source.slice("integration.response.multivalueheader.".length).toLowerCase();
    return (answer) => answer.headers[name]?.join(",");
  }
  if (source === "integration.response.body") return (answer) => answer.body.toString("utf8");
  const jsonPath = `$${source.slice("integration.response.body".length)}`;
  return (answer) => {
    let document: unknown;
    try {
      document = JSON.parse(answer.body.toString("utf8"));
    } catch {
      return undefined;
    }
    const value = selectJson(document, jsonPath);
    if (value === undefined || value === null) return undefined;
    return scalarText(value);
  };
}

interface CompiledResponse extends CompiledIntegrationResponse {
  readonly headers: readonly { name: string; read: ResponseReader }[];
}

function render(template: CompiledTemplate, body: string, method: MethodRequest, stageVariables: Record<string, string>): string {
  return template.render(
    templateVariables({
      body,
      params: { path: { ...(method.ctx.params ?? {}) }, querystring: method.queryLast(), header: method.headersLast() },
      context: method.context,
      stageVariables,
    }),
  );
}

/** A rendered template goes out as a string: Node then sends it in one write with the headers. */
function writeAnswer(ctx: RequestContext, status: number, headers: string[], body: Buffer | string): void {
  const res = ctx.res;
  if (res.destroyed || res.headersSent) return;
  headers.push("content-length", String(typeof body === "string" ? Buffer.byteLength(body) : body.length));
  appendGatewayHeaders(ctx, headers);
  res.writeHead(status, headers);
  res.end(ctx.req.method === "HEAD" ? undefined : body);
}

export function compileMappedIntegration(spec: MappedIntegrationSpec, env: MappedIntegrationEnv): CompiledIntegration {
  const { stageVariables, facts, binaryMediaTypes, maxBodyBytes, logger, where } = env;
  const mappings = compileRequestMappings(spec.requestParameters, stageVariables, where);
  const requestTemplates = compileTemplates(spec.requestTemplates, `${where}.requestTemplates`);
  const behavior = spec.passthroughBehavior ?? "WHEN_NO_MATCH";
  const responses: CompiledResponse[] = compileIntegrationResponses(spec.responses, where).map((response, index) => ({
    ...response,
    headers: Object.entries(response.definition.responseParameters).map(([target, source]) => ({
      name: target.slice("method.response.header.".length).toLowerCase(),
      read: compileResponseSource(source, stageVariables, `${where}.responses[${index}].responseParameters["${target}"]`),
    })),
  }));

  function fault(ctx: RequestContext, error: unknown): void {
    if (error instanceof BodyTooLargeError) {
      sendError(ctx, errors.payloadTooLarge);
      return;
    }
    if (error instanceof GatewayError) {
      sendError(ctx, error);
      return;
    }
    const code = error instanceof IntegrationFault ? error.code : error instanceof TemplateError ? "template_error" : "integration_error";
    ctx.errorCode = code;
    traceOf(ctx)?.record("failure", { code, reason: error instanceof Error ? error.message : String(error) });
    logger.warn("Integration failed; answered 500.", {
      requestId: ctx.requestId,
      api: facts.apiId,
      stage: facts.stage,
      route: facts.resourceId,
      reason: error instanceof Error ? error.message : String(error),
      code,
    });
    sendError(ctx, errors.internal);
  }

  function respond(ctx: RequestContext, method: MethodRequest, answer: BackendAnswer): void {
    if (responses.length === 0) {
      if (!spec.passWithoutResponses) {
        throw new IntegrationFault("integration_response_missing", "No match for output mapping and no default output mapping configured");
      }
      const headers: string[] = [];
      const contentType = answer.headers["content-type"]?.at(-1);
      headers.push("content-type", contentType ?? "application/json");
      writeAnswer(ctx, answer.statusCode, headers, answer.body);
      return;
    }
    const selected = selectIntegrationResponse(responses, answer.selector) as CompiledResponse | null;
    if (selected === null) {
      throw new IntegrationFault(
        "integration_response_missing",
        `No integration response matches ${answer.selector === null ? "a successful invocation" : `'${answer.selector}'`} and none is the default`,
      );
    }
    traceOf(ctx)?.record("integration response", {
      selectionPattern: selected.definition.selectionPattern ?? "default",
      statusCode: selected.definition.statusCode,
    });
    const headers: string[] = [];
    let contentType: string | undefined;
    for (const header of selected.headers) {
      const value = header.read(answer, method);
      if (value === undefined) continue;
      if (header.name === "content-type") contentType = value;
      else headers.push(header.name, value);
    }
    const chosen = chooseResponseTemplate(selected.templates, ctx.req.headers.accept);
    const backendType = mediaTypeOf(answer.headers["content-type"]?.at(-1));
    const backendIsBinary = binaryMediaTypes.matches(backendType);
    let body: Buffer | string;
    if (chosen !== null) {
      const input = convertPayload(
        answer.body,
        backendIsBinary,
        selected.definition.contentHandling === "CONVERT_TO_TEXT" ? "CONVERT_TO_TEXT" : undefined,
      );
      body = render(chosen.template, input.toString("utf8"), method, stageVariables);
      contentType ??= chosen.contentType;
    } else {
      body = convertPayload(answer.body, backendIsBinary, selected.definition.contentHandling);
    }
    headers.push("content-type", contentType ?? "application/json");
    writeAnswer(ctx, selected.definition.statusCode, headers, body);
  }

  async function run(ctx: RequestContext): Promise<void> {
    const req = ctx.req;
    const choice = chooseRequestTemplate(requestTemplates, behavior, req.headers["content-type"]);
    if (choice.kind === "unsupported") {
      // Answered before the body is read, as API Gateway refuses it.
      sendError(ctx, unsupportedMediaType);
      return;
    }
    const raw = ctx.body ?? (hasBody(req) ? await readBody(req, maxBodyBytes) : Buffer.alloc(0));
    const method = new MethodRequest(ctx, facts);
    const params = mappings.apply(method);
    const requestIsBinary = binaryMediaTypes.matches(mediaTypeOf(req.headers["content-type"]));
    let request: IntegrationRequest;
    if (choice.kind === "template") {
      const input = convertPayload(raw, requestIsBinary, spec.contentHandling === "CONVERT_TO_TEXT" ? "CONVERT_TO_TEXT" : undefined);
      const rendered = render(choice.template, input.toString("utf8"), method, stageVariables);
      const body = spec.contentHandling === "CONVERT_TO_BINARY" ? Buffer.from(rendered, "base64") : Buffer.from(rendered);
      request = { params, body, contentType: choice.contentType, rendered };
    } else {
      request = {
        params,
        body: convertPayload(raw, requestIsBinary, spec.contentHandling),
        contentType: req.headers["content-type"],
        rendered: null,
      };
    }
    const trace = traceOf(ctx);
    trace?.record("integration request", {
      template: choice.kind === "template" ? choice.contentType : null,
      passthrough: choice.kind === "passthrough",
      path: request.params.path,
      querystring: request.params.querystring,
      headers: request.params.header,
      contentType: request.contentType ?? null,
      body: tracedBody(request.body),
    });
    const answer = await spec.backend(ctx, request);
    trace?.record("backend response", {
      statusCode: answer.statusCode,
      selector: answer.selector,
      headers: answer.headers,
      body: tracedBody(answer.body),
    });
    if (ctx.res.destroyed) return;
    respond(ctx, method, answer);
  }

  return {
    type: spec.type,
    origin: spec.origin,
    invoke(ctx) {
      run(ctx).catch((error: unknown) => fault(ctx, error));
    },
  };
}
