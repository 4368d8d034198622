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

  it("flags a dropped authorizer or scope as loosening security, and names changed authorizers", () => {
    const authorizers = [
      {
        id: "a1",
        name: "sso",
        type: "JWT" as const,
        identitySource: "method.request.header.Authorization",
        config: { issuer: "https://id.example.com", audience: ["x"] },
      },
    ];
    const source = (methods: MethodSource[], audience = ["x"]): ApiDefinitionSource => ({
      id: "api1",
      name: "Pets",
      cors: null,
      binaryMediaTypes: [],
      authorizers: authorizers.map((authorizer) => ({ ...authorizer, config: { ...authorizer.config, audience } })),
      methods,
    });
    const scoped = compileDefinition(
      source([method("/pets", "GET", { authorizationType: "JWT", authorizerId: "a1", authorizationScopes: ["pets:read"] })]),
    );
    const unscoped = compileDefinition(source([method("/pets", "GET", { authorizationType: "JWT", authorizerId: "a1" })]));
    const open = compileDefinition(source([method("/pets", "GET")]));
    expect(diffDefinitions(scoped, unscoped).loosening).toEqual([{ route: "GET /pets", message: "no longer requires a scope" }]);
    expect(diffDefinitions(scoped, open).loosening).toEqual([{ route: "GET /pets", message: "no longer has an authorizer" }]);
    const otherAudience = compileDefinition(
      source([method("/pets", "GET", { authorizationType: "JWT", authorizerId: "a1", authorizationScopes: ["pets:read"] })], ["y"]),
    );
    expect(diffDefinitions(scoped, otherAudience)).toMatchObject({ apiChanges: ["authorizers"], identical: false });
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
