import { describe, expect, it } from "vitest";

import { zodErrorDetails } from "@/lib/http/zod-details";

import { createMethodBodySchema, integrationBodySchema, methodParamsSchema, updateMethodBodySchema } from "./method";

function failures(result: ReturnType<typeof createMethodBodySchema.safeParse>) {
  return result.success ? [] : zodErrorDetails(result.error);
}

describe("method bodies", () => {
  it("fills the defaults a new method gets", () => {
    const parsed = createMethodBodySchema.parse({ httpMethod: "GET" });
    expect(parsed).toMatchObject({ authorizationType: "NONE", requestParameters: [], requestValidator: "NONE" });
  });

  it("names every unknown field and every invalid one", () => {
    const paths = failures(createMethodBodySchema.safeParse({ httpMethod: "FETCH", colour: "red", apiKeyRequired: "yes" })).map(
      (detail) => detail.path,
    );
    expect(paths.sort()).toEqual(["apiKeyRequired", "colour", "httpMethod"]);
  });

  it("says a missing verb is required", () => {
    expect(failures(createMethodBodySchema.safeParse({}))).toEqual([{ path: "httpMethod", message: "httpMethod is required" }]);
  });

  it("refuses a parameter declared twice (header names case-insensitively)", () => {
    const result = createMethodBodySchema.safeParse({
      httpMethod: "GET",
      requestParameters: [
        { in: "header", name: "X-Trace", required: true },
        { in: "header", name: "x-trace", required: false },
      ],
    });
    expect(failures(result).map((detail) => detail.path)).toEqual(["requestParameters.1.name"]);
  });

  it("leaves fields out of a patch rather than defaulting them", () => {
    expect(updateMethodBodySchema.parse({ operationName: "getPet" })).toEqual({ operationName: "getPet" });
  });
});

describe("integration bodies", () => {
  it("requires an absolute http(s) URI for proxy integrations", () => {
    const result = integrationBodySchema.safeParse({ type: "HTTP_PROXY", uri: "/pets" });
    expect(result.success).toBe(false);
  });

  it("defaults the timeout to 29 s and bounds it to 50-29000 ms", () => {
    expect(integrationBodySchema.parse({ type: "HTTP_PROXY", uri: "https://x.example" })).toMatchObject({ timeoutMs: 29_000 });
    expect(integrationBodySchema.safeParse({ type: "HTTP", uri: "https://x.example", timeoutMs: 49 }).success).toBe(false);
    expect(integrationBodySchema.safeParse({ type: "HTTP", uri: "https://x.example", timeoutMs: 29_001 }).success).toBe(false);
  });

  it("refuses fields of another integration type", () => {
    const result = integrationBodySchema.safeParse({ type: "HTTP_PROXY", uri: "https://x.example", mockResponse: {} });
    expect(result.success).toBe(false);
  });

  it("names the type field when the type is unknown", () => {
    const result = integrationBodySchema.safeParse({ type: "LAMBDA" });
    expect(result.success ? [] : zodErrorDetails(result.error).map((detail) => detail.path)).toEqual(["type"]);
  });

  it("accepts a mock without a response (the server supplies 200 {})", () => {
    expect(integrationBodySchema.parse({ type: "MOCK" })).toEqual({ type: "MOCK" });
  });
});

describe("method address", () => {
  it("accepts the verb in any case", () => {
    expect(methodParamsSchema.parse({ apiId: "a", resourceId: "r", httpMethod: "get" }).httpMethod).toBe("GET");
    expect(methodParamsSchema.safeParse({ apiId: "a", resourceId: "r", httpMethod: "fetch" }).success).toBe(false);
  });
});
