import { describe, expect, it } from "vitest";
import { validateMethodInput } from "./form-schemas";
import { formStateFromMethod, initialFormState, isSameMethodInput, toMethodInput } from "./method-form-state";
import type { Method } from "./types";

const proxyMethod: Method = {
  id: "m1",
  resourceId: "r1",
  httpMethod: "GET",
  operationName: null,
  authorizationType: "API_KEY",
  authorizerId: null,
  authorizationScopes: [],
  apiKeyRequired: true,
  requestParameters: [{ in: "path", name: "petId", required: true }],
  requestModelId: null,
  requestValidator: "PARAMS",
  integration: {
    type: "HTTP_PROXY",
    uri: "http://127.0.0.1:9999/pets/{petId}",
    timeoutMs: 5000,
    httpMethod: null,
    mockResponse: null,
    requestParameters: {},
    requestTemplates: {},
    passthroughBehavior: null,
    contentHandling: null,
    payloadFormatVersion: null,
    parameterMapping: {},
    responses: {},
  },
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

const lambdaMethod: Method = {
  ...proxyMethod,
  integration: {
    ...proxyMethod.integration!,
    type: "AWS",
    uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations",
    httpMethod: "POST",
    requestParameters: { "integration.request.header.x-id": "method.request.path.petId" },
    requestTemplates: { "application/json": '{"id": "$input.params(\'petId\')"}' },
    passthroughBehavior: "NEVER",
    responses: {
      default: { statusCode: "200", responseTemplates: { "application/json": "$input.body" } },
      ".*NotFound.*": { statusCode: "404", responseParameters: { "method.response.header.X-Why": "'missing'" } },
    },
  },
};

describe("method form state", () => {
  it("keeps an imported Lambda integration's templates, mappings and responses through a save", () => {
    const state = formStateFromMethod(lambdaMethod);
    expect(state.integrationType).toBe("AWS");
    expect(toMethodInput("GET", state).integration).toEqual({
      type: "AWS",
      uri: lambdaMethod.integration!.uri,
      timeoutMs: 5000,
      requestParameters: { "integration.request.header.x-id": "method.request.path.petId" },
      requestTemplates: { "application/json": '{"id": "$input.params(\'petId\')"}' },
      passthroughBehavior: "NEVER",
      responses: {
        default: { statusCode: "200", responseTemplates: { "application/json": "$input.body" } },
        ".*NotFound.*": { statusCode: "404", responseParameters: { "method.response.header.X-Why": "'missing'" } },
      },
    });
    expect(validateMethodInput(toMethodInput("GET", state), "/pets/{petId}")).toEqual({});
    expect(isSameMethodInput("GET", state, formStateFromMethod(lambdaMethod))).toBe(true);
  });

  it("reports a template that does not parse under its field, with line and column", () => {
    const state = formStateFromMethod(lambdaMethod);
    const broken = { ...state, requestTemplates: [{ ...state.requestTemplates[0], template: "#if($x)\nno end" }] };
    const errors = validateMethodInput(toMethodInput("GET", broken), "/pets/{petId}");
    expect(errors["integration.requestTemplates.application/json"]).toMatch(/#if at line 1, column 1 has no #end/);
  });

  it("round-trips a saved method without change, so an untouched form is not dirty", () => {
    const state = formStateFromMethod(proxyMethod);
    expect(toMethodInput("GET", state)).toEqual({
      httpMethod: "GET",
      authorizationType: "API_KEY",
      authorizerId: null,
      authorizationScopes: [],
      apiKeyRequired: true,
      requestParameters: [{ in: "path", name: "petId", required: true }],
      requestModelId: null,
      requestValidator: "PARAMS",
      integration: { type: "HTTP_PROXY", uri: "http://127.0.0.1:9999/pets/{petId}", timeoutMs: 5000 },
    });
    expect(isSameMethodInput("GET", state, formStateFromMethod(proxyMethod))).toBe(true);
  });

  it("keeps a JWT, Cognito or Lambda authorizer's authorization, scopes and key requirement instead of saving it as NONE", () => {
    for (const authorizationType of ["JWT", "COGNITO_USER_POOLS", "CUSTOM"] as const) {
      const method: Method = {
        ...proxyMethod,
        authorizationType,
        authorizerId: "auth1",
        authorizationScopes: authorizationType === "CUSTOM" ? [] : ["pets:read", "pets:write"],
        apiKeyRequired: false,
      };
      expect(toMethodInput("GET", formStateFromMethod(method))).toMatchObject({
        authorizationType,
        authorizerId: "auth1",
        authorizationScopes: method.authorizationScopes,
        apiKeyRequired: false,
      });
    }
    const both: Method = { ...proxyMethod, authorizationType: "JWT", authorizerId: "auth1", apiKeyRequired: true };
    expect(toMethodInput("GET", formStateFromMethod(both))).toMatchObject({ authorizationType: "JWT", apiKeyRequired: true });
  });

  it("drops the authorizer and scopes when the authorization no longer takes one", () => {
    const state = {
      ...formStateFromMethod({ ...proxyMethod, authorizationType: "JWT", authorizerId: "auth1" }),
      authorization: "NONE" as const,
    };
    expect(toMethodInput("GET", state)).toMatchObject({
      authorizationType: "NONE",
      authorizerId: null,
      authorizationScopes: [],
      apiKeyRequired: false,
    });
  });

  it("counts a changed URI as a change but not edits to fields the chosen integration does not use", () => {
    const saved = formStateFromMethod(proxyMethod);
    expect(isSameMethodInput("GET", saved, { ...saved, uri: "http://127.0.0.1:9999/other" })).toBe(false);
    expect(isSameMethodInput("GET", saved, { ...saved, mockBody: "edited while on Mock" })).toBe(true);
  });

  it("pre-declares the resource's path parameters for a new method", () => {
    expect(initialFormState("/pets/{petId}/{proxy+}").parameters.map(({ in: location, name }) => [location, name])).toEqual([
      ["path", "petId"],
      ["path", "proxy"],
    ]);
  });
});

describe("validateMethodInput", () => {
  const valid = toMethodInput("GET", formStateFromMethod(proxyMethod));

  it("asks for an authorizer when the authorization needs one", () => {
    expect(validateMethodInput({ ...valid, authorizationType: "JWT", authorizerId: null }, "/pets/{petId}")).toMatchObject({
      authorizerId: "Choose the authorizer that checks callers",
    });
    expect(validateMethodInput({ ...valid, authorizationType: "CUSTOM", authorizerId: "a1" }, "/pets/{petId}")).toEqual({});
  });

  it("accepts URIs with the resource's path parameters and stage variables", () => {
    const input = { ...valid, integration: { ...valid.integration, uri: "https://${stageVariables.host}/pets/{petId}" } };
    expect(validateMethodInput(input, "/pets/{petId}")).toEqual({});
  });

  it("names the field for a missing URI, a timeout out of range and a duplicate parameter", () => {
    const input = {
      ...valid,
      requestParameters: [
        { in: "querystring" as const, name: "limit", required: false },
        { in: "querystring" as const, name: "limit", required: true },
      ],
      integration: { type: "HTTP_PROXY" as const, uri: "", timeoutMs: 60_000 },
    };
    const errors = validateMethodInput(input, "/pets");
    expect(errors["integration.uri"]).toMatch(/absolute http/);
    expect(errors["integration.timeoutMs"]).toMatch(/29000/);
    expect(errors["requestParameters.1.name"]).toMatch(/declared twice/);
    expect(errors["requestParameters.0.name"]).toBeUndefined();
  });

  it("explains an empty timeout in words rather than as NaN", () => {
    const state = { ...formStateFromMethod(proxyMethod), timeoutMs: "" };
    expect(validateMethodInput(toMethodInput("GET", state), "/pets/{petId}")["integration.timeoutMs"]).toMatch(
      /whole number from 50 to 29000/,
    );
  });

  it("rejects a URI placeholder that the resource path does not declare", () => {
    const input = { ...valid, integration: { ...valid.integration, uri: "http://127.0.0.1:9999/pets/{id}" } };
    expect(validateMethodInput(input, "/pets/{petId}")["integration.uri"]).toMatch(/\{id\}/);
  });

  it("rejects a mock status code outside 100-599", () => {
    const state = { ...initialFormState("/", "MOCK"), mockStatusCode: "700" };
    expect(validateMethodInput(toMethodInput("GET", state), "/")["integration.mockResponse.statusCode"]).toMatch(/100-599/);
  });
});
