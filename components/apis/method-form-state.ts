import { DEFAULT_INTEGRATION_TIMEOUT_MS } from "@/lib/schemas/method";
import { pathParameters } from "@/lib/schemas/resource-path";
import type {
  AuthorizationType,
  IntegrationResponseInput,
  IntegrationType,
  Method,
  MethodInput,
  ParameterLocation,
  RequestValidator,
} from "./types";

// The method settings form edits strings (what inputs hold) and converts to
// the API's shape only when saving, so half-typed numbers never get lost.

export type ParameterRow = { key: string; in: ParameterLocation; name: string; required: boolean };
/** A mapping template for one content type. */
export type TemplateRow = { key: string; contentType: string; template: string };
/** A parameter mapping: target ← source. */
export type MappingRow = { key: string; target: string; source: string };
/** An integration response: its selection pattern ("" for the default one), status, header mappings and templates. */
export type ResponseRow = {
  key: string;
  pattern: string;
  statusCode: string;
  contentHandling: string;
  parameters: MappingRow[];
  templates: TemplateRow[];
};

export type MethodFormState = {
  authorization: AuthorizationType;
  /** "" when the authorization takes no authorizer (or none is picked yet). */
  authorizerId: string;
  /** Scopes as typed, separated by spaces or commas. */
  scopes: string;
  /** With an authorizer: require an API key as well. */
  apiKeyRequired: boolean;
  requestValidator: RequestValidator;
  /** "" when the method has no request model. */
  requestModelId: string;
  parameters: ParameterRow[];
  integrationType: IntegrationType;
  /** "" means "same as the incoming request" for proxies. */
  integrationHttpMethod: string;
  uri: string;
  timeoutMs: string;
  mockStatusCode: string;
  mockContentType: string;
  mockBody: string;
  /** Lambda proxy payload format. */
  payloadFormatVersion: "1.0" | "2.0";
  /** "" for the default (WHEN_NO_MATCH). */
  passthroughBehavior: string;
  /** "" passes payloads as they are. */
  contentHandling: string;
  requestTemplates: TemplateRow[];
  requestMappings: MappingRow[];
  /** HTTP API parameter mapping of an HTTP proxy. */
  parameterMapping: MappingRow[];
  responses: ResponseRow[];
};

let rowCounter = 0;
export function newRowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}`;
}

const SUPPORTED_INTEGRATIONS: IntegrationType[] = ["HTTP_PROXY", "HTTP", "MOCK", "AWS", "AWS_PROXY"];

function templateRows(templates: Record<string, string> | undefined): TemplateRow[] {
  return Object.entries(templates ?? {}).map(([contentType, template]) => ({ key: newRowKey(), contentType, template }));
}

function mappingRows(mappings: Record<string, string> | undefined): MappingRow[] {
  return Object.entries(mappings ?? {}).map(([target, source]) => ({ key: newRowKey(), target, source }));
}

function responseRows(responses: Record<string, IntegrationResponseInput> | undefined): ResponseRow[] {
  return Object.entries(responses ?? {}).map(([pattern, response]) => ({
    key: newRowKey(),
    pattern: pattern === "default" ? "" : pattern,
    statusCode: response.statusCode,
    contentHandling: response.contentHandling ?? "",
    parameters: mappingRows(response.responseParameters),
    templates: templateRows(response.responseTemplates),
  }));
}

function templatesOf(rows: TemplateRow[]): Record<string, string> {
  return Object.fromEntries(rows.map((row) => [row.contentType.trim(), row.template]));
}

function mappingsOf(rows: MappingRow[]): Record<string, string> {
  return Object.fromEntries(rows.map((row) => [row.target.trim(), row.source.trim()]));
}

/** Only what is set, so that an integration without mappings saves exactly as before. */
function mappingInput(state: MethodFormState): Partial<MethodInput["integration"]> {
  const out: Partial<MethodInput["integration"]> = {};
  if (state.requestMappings.length > 0) out.requestParameters = mappingsOf(state.requestMappings);
  if (state.requestTemplates.length > 0) out.requestTemplates = templatesOf(state.requestTemplates);
  if (state.passthroughBehavior !== "") out.passthroughBehavior = state.passthroughBehavior;
  if (state.contentHandling !== "") out.contentHandling = state.contentHandling;
  if (state.responses.length > 0) {
    out.responses = Object.fromEntries(
      state.responses.map((row) => [
        row.pattern.trim() === "" ? "default" : row.pattern.trim(),
        {
          statusCode: row.statusCode.trim(),
          ...(row.parameters.length > 0 ? { responseParameters: mappingsOf(row.parameters) } : {}),
          ...(row.templates.length > 0 ? { responseTemplates: templatesOf(row.templates) } : {}),
          ...(row.contentHandling !== "" ? { contentHandling: row.contentHandling } : {}),
        },
      ]),
    );
  }
  return out;
}

export function formStateFromMethod(method: Method): MethodFormState {
  const integration = method.integration;
  const type = integration && SUPPORTED_INTEGRATIONS.includes(integration.type) ? integration.type : "MOCK";
  const mock = integration?.mockResponse ?? null;
  const headers = mock?.headers ?? {};
  const contentTypeKey = Object.keys(headers).find((name) => name.toLowerCase() === "content-type");
  return {
    // A NONE method that still requires a key reads as API_KEY; every other authorization is kept as it is.
    authorization: method.authorizationType === "NONE" && method.apiKeyRequired ? "API_KEY" : method.authorizationType,
    authorizerId: method.authorizerId ?? "",
    scopes: (method.authorizationScopes ?? []).join(" "),
    apiKeyRequired: method.apiKeyRequired,
    requestValidator: method.requestValidator ?? "NONE",
    requestModelId: method.requestModelId ?? "",
    parameters: (method.requestParameters ?? []).map((parameter) => ({
      key: newRowKey(),
      ...parameter,
      required: Boolean(parameter.required),
    })),
    integrationType: type,
    integrationHttpMethod: integration?.httpMethod ?? "",
    uri: integration?.uri ?? "",
    timeoutMs: String(integration?.timeoutMs ?? DEFAULT_INTEGRATION_TIMEOUT_MS),
    mockStatusCode: String(mock?.statusCode ?? 200),
    mockContentType: contentTypeKey ? headers[contentTypeKey] : "",
    mockBody: mock?.body ?? "",
    payloadFormatVersion: integration?.payloadFormatVersion === "2.0" ? "2.0" : "1.0",
    passthroughBehavior: integration?.passthroughBehavior ?? "",
    contentHandling: integration?.contentHandling ?? "",
    requestTemplates: templateRows(integration?.requestTemplates),
    requestMappings: mappingRows(integration?.requestParameters),
    parameterMapping: mappingRows(integration?.parameterMapping),
    responses: responseRows(integration?.responses),
  };
}

/** A new method's starting point: path parameters of the resource are pre-declared. */
export function initialFormState(resourcePath: string, integrationType: IntegrationType = "HTTP_PROXY"): MethodFormState {
  return {
    authorization: "NONE",
    authorizerId: "",
    scopes: "",
    apiKeyRequired: false,
    requestValidator: "NONE",
    requestModelId: "",
    parameters: pathParameters(resourcePath).map(({ name }) => ({ key: newRowKey(), in: "path", name, required: true })),
    integrationType,
    integrationHttpMethod: "",
    uri: "",
    timeoutMs: String(DEFAULT_INTEGRATION_TIMEOUT_MS),
    mockStatusCode: "200",
    mockContentType: "application/json",
    mockBody: '{ "message": "ok" }',
    payloadFormatVersion: "1.0",
    passthroughBehavior: "",
    contentHandling: "",
    requestTemplates: [],
    requestMappings: [],
    parameterMapping: [],
    responses: [],
  };
}

/** JWT, COGNITO_USER_POOLS and CUSTOM name one of the API's authorizers. */
export function usesAuthorizer(authorization: AuthorizationType): boolean {
  return authorization === "JWT" || authorization === "COGNITO_USER_POOLS" || authorization === "CUSTOM";
}

function toNumberOrNaN(value: string): number {
  return value.trim() === "" ? Number.NaN : Number(value);
}

export function toMethodInput(httpMethod: string, state: MethodFormState): MethodInput {
  const endpoint = { uri: state.uri.trim(), timeoutMs: toNumberOrNaN(state.timeoutMs) };
  let integration: MethodInput["integration"];
  switch (state.integrationType) {
    case "MOCK":
      integration = {
        type: "MOCK",
        mockResponse: {
          statusCode: toNumberOrNaN(state.mockStatusCode),
          headers: state.mockContentType.trim() ? { "content-type": state.mockContentType.trim() } : {},
          body: state.mockBody,
        },
        ...mappingInput(state),
      };
      break;
    case "AWS":
      integration = { type: "AWS", ...endpoint, ...mappingInput(state) };
      break;
    case "AWS_PROXY":
      integration = {
        type: "AWS_PROXY",
        ...endpoint,
        ...(state.payloadFormatVersion === "2.0" ? { payloadFormatVersion: "2.0" } : {}),
        ...(state.contentHandling !== "" ? { contentHandling: state.contentHandling } : {}),
      };
      break;
    case "HTTP":
      integration = {
        type: "HTTP",
        ...endpoint,
        ...(state.integrationHttpMethod ? { httpMethod: state.integrationHttpMethod } : {}),
        ...mappingInput(state),
      };
      break;
    case "HTTP_PROXY":
      integration = {
        type: "HTTP_PROXY",
        ...endpoint,
        ...(state.integrationHttpMethod ? { httpMethod: state.integrationHttpMethod } : {}),
        ...(state.parameterMapping.length > 0 ? { parameterMapping: mappingsOf(state.parameterMapping) } : {}),
      };
      break;
  }
  const withAuthorizer = usesAuthorizer(state.authorization);
  return {
    httpMethod,
    authorizationType: state.authorization,
    authorizerId: withAuthorizer ? state.authorizerId || null : null,
    authorizationScopes:
      withAuthorizer && state.authorization !== "CUSTOM"
        ? state.scopes
            .split(/[\s,]+/)
            .map((scope) => scope.trim())
            .filter((scope) => scope !== "")
        : [],
    apiKeyRequired: state.authorization === "API_KEY" || (withAuthorizer && state.apiKeyRequired),
    requestParameters: state.parameters.map((row) => ({ in: row.in, name: row.name.trim(), required: row.required })),
    requestModelId: state.requestModelId || null,
    requestValidator: state.requestValidator,
    integration,
  };
}

/** Whether two states would save differently; row keys and whitespace-only edits do not count. */
export function isSameMethodInput(httpMethod: string, a: MethodFormState, b: MethodFormState): boolean {
  return JSON.stringify(toMethodInput(httpMethod, a)) === JSON.stringify(toMethodInput(httpMethod, b));
}
