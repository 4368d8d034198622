import "server-only";

import type { Integration, Method } from "@/lib/generated/prisma/client";
import type { IntegrationDto, MethodDto } from "@/lib/schemas/method";

type StoredMockResponse = { statusCode: number; headers: Record<string, string>; body: string };
type StoredParameter = MethodDto["requestParameters"][number];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Imported definitions may carry extra keys (a schema per parameter, say):
// the API shows the fields it defines and leaves the rest to exports.
function toParameters(value: unknown): StoredParameter[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((parameter) => ({
    in: parameter.in === "path" || parameter.in === "header" ? parameter.in : "querystring",
    name: typeof parameter.name === "string" ? parameter.name : "",
    required: parameter.required === true,
  }));
}

function toMockResponse(value: unknown): StoredMockResponse | null {
  if (!isRecord(value)) return null;
  const headers = isRecord(value.headers)
    ? Object.fromEntries(Object.entries(value.headers).map(([name, header]) => [name, String(header)]))
    : {};
  return {
    statusCode: typeof value.statusCode === "number" ? value.statusCode : 200,
    headers,
    body: typeof value.body === "string" ? value.body : JSON.stringify(value.body ?? ""),
  };
}

export function toIntegrationDto(integration: Integration): IntegrationDto {
  return {
    type: integration.type,
    httpMethod: integration.httpMethod,
    uri: integration.uri,
    timeoutMs: integration.timeoutMs,
    mockResponse: toMockResponse(integration.mockResponse),
    requestParameters: stringRecord(integration.requestParameters),
    requestTemplates: stringRecord(integration.requestTemplates),
    passthroughBehavior: integration.passthroughBehavior,
    contentHandling: integration.contentHandling,
    payloadFormatVersion: integration.payloadFormatVersion,
    parameterMapping: stringRecord(integration.parameterMapping),
    responses: integrationResponses(integration.responses),
  };
}

function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** Stored integration responses as the API shows them (status codes as strings, as AWS writes them). */
function integrationResponses(value: unknown): IntegrationDto["responses"] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
  const out: IntegrationDto["responses"] = {};
  for (const [pattern, response] of Object.entries(value as Record<string, unknown>)) {
    if (response === null || typeof response !== "object") continue;
    const { statusCode, responseParameters, responseTemplates, contentHandling } = response as Record<string, unknown>;
    out[pattern] = {
      statusCode: typeof statusCode === "number" || typeof statusCode === "string" ? String(statusCode) : "200",
      ...(responseParameters !== undefined ? { responseParameters: stringRecord(responseParameters) } : {}),
      ...(responseTemplates !== undefined ? { responseTemplates: stringRecord(responseTemplates) } : {}),
      ...(typeof contentHandling === "string" ? { contentHandling } : {}),
    };
  }
  return out;
}

export function toMethodDto(method: Method & { integration: Integration | null }): MethodDto {
  return {
    id: method.id,
    resourceId: method.resourceId,
    httpMethod: method.httpMethod,
    operationName: method.operationName,
    authorizationType: method.authorizationType,
    authorizerId: method.authorizerId,
    authorizationScopes: method.authorizationScopes,
    apiKeyRequired: method.apiKeyRequired,
    requestParameters: toParameters(method.requestParameters),
    requestModelId: method.requestModelId,
    requestValidator: method.requestValidator,
    integration: method.integration ? toIntegrationDto(method.integration) : null,
    createdAt: method.createdAt.toISOString(),
    updatedAt: method.updatedAt.toISOString(),
  };
}

/** Methods in a fixed, readable order: the usual verbs first, ANY last. */
const VERB_ORDER = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"];

export function compareVerbs(a: string, b: string): number {
  return VERB_ORDER.indexOf(a) - VERB_ORDER.indexOf(b);
}

/** The verbs that sort after `verb`, for the page of methods that follows a cursor. */
export function verbsAfter(verb: string): string[] {
  return VERB_ORDER.slice(VERB_ORDER.indexOf(verb) + 1);
}
