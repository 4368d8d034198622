import { describe, expect, it } from "vitest";
import { methodFormSchema } from "./form-schemas";
import { formStateFromMethod, initialFormState, isSameMethodInput, toMethodInput } from "./method-form-state";
import { validateFields } from "@/components/lib/zod-errors";
import type { Method } from "./types";

const proxyMethod: Method = {
  httpMethod: "GET",
  authorizationType: "API_KEY",
  apiKeyRequired: true,
  requestParameters: [{ in: "path", name: "petId", required: true }],
  requestModelId: null,
  requestValidator: "PARAMS",
  integration: { type: "HTTP_PROXY", uri: "http://127.0.0.1:9999/pets/{petId}", timeoutMs: 5000, httpMethod: null },
};

describe("method form state", () => {
  it("round-trips a saved method without change, so an untouched form is not dirty", () => {
    const state = formStateFromMethod(proxyMethod);
    expect(toMethodInput("GET", state)).toEqual({
      httpMethod: "GET",
      authorizationType: "API_KEY",
      apiKeyRequired: true,
      requestParameters: [{ in: "path", name: "petId", required: true }],
      requestModelId: null,
      requestValidator: "PARAMS",
      integration: { type: "HTTP_PROXY", uri: "http://127.0.0.1:9999/pets/{petId}", timeoutMs: 5000 },
    });
    expect(isSameMethodInput("GET", state, formStateFromMethod(proxyMethod))).toBe(true);
  });

  it("counts a changed URI as a change but not a switch of type that is switched back", () => {
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

describe("methodFormSchema", () => {
  const valid = toMethodInput("GET", formStateFromMethod(proxyMethod));

  it("accepts URIs with path and stage variable placeholders", () => {
    const input = { ...valid, integration: { ...valid.integration, uri: "https://${stageVariables.host}/pets/{petId}" } };
    expect(validateFields(methodFormSchema, input)).toEqual({});
  });

  it("names the field for a missing URI, a timeout out of range and a duplicate parameter", () => {
    const input = {
      ...valid,
      requestParameters: [
        { in: "querystring", name: "limit", required: false },
        { in: "querystring", name: "limit", required: true },
      ],
      integration: { type: "HTTP_PROXY", uri: "", timeoutMs: 60_000 },
    };
    const errors = validateFields(methodFormSchema, input);
    expect(errors["integration.uri"]).toMatch(/required/);
    expect(errors["integration.timeoutMs"]).toMatch(/29000/);
    expect(errors["requestParameters.1.name"]).toMatch(/already declared/);
    expect(errors["requestParameters.0.name"]).toBeUndefined();
  });

  it("rejects a mock status code outside 100-599", () => {
    const state = { ...initialFormState("/", "MOCK"), mockStatusCode: "700" };
    expect(validateFields(methodFormSchema, toMethodInput("GET", state))["integration.mockResponse.statusCode"]).toMatch(/100 and 599/);
  });
});
