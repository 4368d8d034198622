import type { IntegrationResponse } from "@/lib/contracts";
import { CompileError } from "../../compile/compile-error";
import { compileTemplate, type CompiledTemplate } from "../../templates/velocity";
import { mediaTypeOf } from "./media";

// Choosing a mapping template: by the request's Content-Type with the
// integration's passthroughBehavior, and by the client's Accept for the
// response. Templates are compiled with the snapshot; a template that does
// not parse stops the deployment with its location.

export type PassthroughBehavior = "WHEN_NO_MATCH" | "WHEN_NO_TEMPLATES" | "NEVER";

export interface TemplateSet {
  readonly size: number;
  /** By lower-case media type. */
  readonly byType: ReadonlyMap<string, CompiledTemplate>;
  /** The first one declared, when neither the asked type nor application/json has one. */
  readonly first: CompiledTemplate | null;
}

export function compileTemplates(templates: Readonly<Record<string, string>> | undefined, where: string): TemplateSet {
  const byType = new Map<string, CompiledTemplate>();
  let first: CompiledTemplate | null = null;
  for (const [contentType, source] of Object.entries(templates ?? {})) {
    let compiled: CompiledTemplate;
    try {
      compiled = compileTemplate(source);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new CompileError([{ path: `${where}["${contentType}"]`, message: `mapping template for ${contentType}: ${message}` }]);
    }
    byType.set(mediaTypeOf(contentType), compiled);
    first ??= compiled;
  }
  return { size: byType.size, byType, first };
}

/** What happens to a request body: a template renders it, it passes as it is, or the request is refused (415). */
export type RequestTemplateChoice =
  { kind: "template"; template: CompiledTemplate; contentType: string } | { kind: "passthrough" } | { kind: "unsupported" };

/**
 * API Gateway's rule: the template for the request's Content-Type (absent:
 * application/json); with none for it, WHEN_NO_MATCH passes the body
 * through, WHEN_NO_TEMPLATES passes it only when no template is defined at
 * all, NEVER refuses it.
 */
export function chooseRequestTemplate(
  set: TemplateSet,
  behavior: PassthroughBehavior,
  contentTypeHeader: string | undefined,
): RequestTemplateChoice {
  const contentType = mediaTypeOf(contentTypeHeader) || "application/json";
  const template = set.byType.get(contentType);
  if (template !== undefined) return { kind: "template", template, contentType };
  if (behavior === "WHEN_NO_MATCH") return { kind: "passthrough" };
  if (behavior === "WHEN_NO_TEMPLATES" && set.size === 0) return { kind: "passthrough" };
  return { kind: "unsupported" };
}

/** The response template for the client's first Accept type, else application/json's, else the first declared. */
export function chooseResponseTemplate(
  set: TemplateSet,
  accept: string | undefined,
): { template: CompiledTemplate; contentType: string } | null {
  if (set.size === 0) return null;
  const wanted = mediaTypeOf(accept?.split(",")[0]);
  if (wanted !== "" && wanted !== "*/*") {
    const template = set.byType.get(wanted);
    if (template !== undefined) return { template, contentType: wanted };
  }
  const json = set.byType.get("application/json");
  if (json !== undefined) return { template: json, contentType: "application/json" };
  const [contentType, template] = set.byType.entries().next().value as [string, CompiledTemplate];
  return { template, contentType };
}

export interface CompiledIntegrationResponse {
  readonly definition: IntegrationResponse;
  /** Full-match regex of the selection pattern; null for the default response. */
  readonly pattern: RegExp | null;
  readonly templates: TemplateSet;
}

/** Compiles the integration responses; the selection patterns are Java regular expressions, matched against the whole input. */
export function compileIntegrationResponses(
  responses: readonly IntegrationResponse[] | undefined,
  where: string,
): CompiledIntegrationResponse[] {
  return (responses ?? []).map((definition, index) => {
    let pattern: RegExp | null = null;
    if (definition.selectionPattern !== null && definition.selectionPattern !== "") {
      try {
        pattern = new RegExp(`^(?:${definition.selectionPattern})$`);
      } catch (error) {
        throw new CompileError([
          {
            path: `${where}.responses[${index}].selectionPattern`,
            message: `'${definition.selectionPattern}' is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
          },
        ]);
      }
    }
    return {
      definition,
      pattern,
      templates: compileTemplates(definition.responseTemplates, `${where}.responses[${index}].responseTemplates`),
    };
  });
}

/**
 * The integration response for a backend status code (HTTP, mock) or a
 * Lambda error message: the first whose pattern matches, else the default
 * one; null when neither exists.
 */
export function selectIntegrationResponse(
  responses: readonly CompiledIntegrationResponse[],
  selector: string | null,
): CompiledIntegrationResponse | null {
  let fallback: CompiledIntegrationResponse | null = null;
  for (const response of responses) {
    if (response.pattern === null) {
      fallback ??= response;
      continue;
    }
    if (selector !== null && response.pattern.test(selector)) return response;
  }
  return fallback;
}
