import { describe, expect, it } from "vitest";

import { methodSource as method } from "@/test/support/deploy/method-source";

import { compileDefinition, type ApiDefinitionSource, type MethodSource } from "./compile-snapshot";
import { diffDefinitions } from "./diff";

function definition(methods: MethodSource[], cors: unknown = null) {
  const source: ApiDefinitionSource = { id: "api1", name: "Pets", cors, binaryMediaTypes: [], methods };
  return compileDefinition(source);
}

describe("diffDefinitions", () => {
  it("reports identical definitions as identical", () => {
    const a = definition([method("/pets", "GET")]);
    expect(diffDefinitions(a, definition([method("/pets", "GET")])).identical).toBe(true);
  });

  it("lists added, removed and changed routes with the fields that changed", () => {
    const from = definition([method("/pets", "GET"), method("/pets", "DELETE")]);
    const to = definition([
      method("/pets", "GET", {
        integration: { type: "MOCK", httpMethod: null, uri: null, timeoutMs: 29000, requestParameters: {}, mockResponse: null },
      }),
      method("/pets/{id}", "GET"),
    ]);
    const diff = diffDefinitions(from, to);
    expect(diff.added).toEqual(["GET /pets/{id}"]);
    expect(diff.removed).toEqual(["DELETE /pets"]);
    expect(diff.changed).toEqual([{ route: "GET /pets", fields: ["integration"] }]);
    expect(diff.identical).toBe(false);
  });

  it("flags an API key requirement that is dropped as loosening security", () => {
    const from = definition([method("/pets", "GET", { authorizationType: "API_KEY", apiKeyRequired: true })]);
    const to = definition([method("/pets", "GET")]);
    expect(diffDefinitions(from, to).loosening).toEqual([{ route: "GET /pets", message: "no longer requires an API key" }]);
  });

  it("flags removed body validation as loosening security", () => {
    const model = { type: "object", required: ["name"] };
    const from = definition([method("/pets", "POST", { requestValidator: "BODY", requestModelSchema: model })]);
    const to = definition([method("/pets", "POST", { requestValidator: "NONE", requestModelSchema: model })]);
    expect(diffDefinitions(from, to).loosening.map((l) => l.message)).toEqual(["no longer validates the request body"]);
  });

  it("flags CORS widened to every origin", () => {
    const from = definition([method("/pets", "GET")], { allowOrigins: ["https://app.example.com"] });
    const to = definition([method("/pets", "GET")], { allowOrigins: ["*"] });
    const diff = diffDefinitions(from, to);
    expect(diff.apiChanges).toEqual(["cors"]);
    expect(diff.loosening).toEqual([{ route: null, message: "CORS now allows every origin ('*')" }]);
  });

  it("does not flag tightening as loosening", () => {
    const from = definition([method("/pets", "GET")]);
    const to = definition([method("/pets", "GET", { authorizationType: "API_KEY" })]);
    expect(diffDefinitions(from, to).loosening).toEqual([]);
  });

  it("treats everything as added when there is no deployment yet", () => {
    const diff = diffDefinitions(null, definition([method("/a", "GET"), method("/b", "POST")]));
    expect(diff.added).toEqual(["GET /a", "POST /b"]);
  });
});
