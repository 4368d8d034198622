import { DEFAULT_INTEGRATION_TIMEOUT_MS } from "@/lib/schemas/method";
import { pathParameters } from "@/lib/schemas/resource-path";
import type { AuthorizationType, IntegrationType, Method, MethodInput, ParameterLocation, RequestValidator } from "./types";

// The method settings form edits strings (what inputs hold) and converts to
// the API's shape only when saving, so half-typed numbers never get lost.

export type ParameterRow = { key: string; in: ParameterLocation; name: string; required: boolean };

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
};

let rowCounter = 0;
export function newRowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}`;
}

const SUPPORTED_INTEGRATIONS: IntegrationType[] = ["HTTP_PROXY", "HTTP", "MOCK"];

export function formStateFromMethod(method: Method): MethodFormState {
  const integration = method.integration;
  const type =
    integration && SUPPORTED_INTEGRATIONS.includes(integration.type as IntegrationType) ? (integration.type as IntegrationType) : "MOCK";
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
  const integration: MethodInput["integration"] =
    state.integrationType === "MOCK"
      ? {
          type: "MOCK",
          mockResponse: {
            statusCode: toNumberOrNaN(state.mockStatusCode),
            headers: state.mockContentType.trim() ? { "content-type": state.mockContentType.trim() } : {},
            body: state.mockBody,
          },
        }
      : {
          type: state.integrationType,
          uri: state.uri.trim(),
          timeoutMs: toNumberOrNaN(state.timeoutMs),
          ...(state.integrationHttpMethod ? { httpMethod: state.integrationHttpMethod } : {}),
        };
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
