import { describe, expect, it } from "vitest";

import { createApiBodySchema, CorsPolicySchema, listApisQuerySchema } from "./api";
import { createModelBodySchema } from "./model";
import { createResourceBodySchema } from "./resource";

describe("API bodies", () => {
  it("accepts the automation shape {name, description?}", () => {
    expect(createApiBodySchema.parse({ name: " Pets ", description: "d" })).toEqual({ name: "Pets", description: "d" });
  });

  it("refuses unknown fields, empty and over-long names", () => {
    expect(createApiBodySchema.safeParse({ name: "x", owner: "me" }).success).toBe(false);
    expect(createApiBodySchema.safeParse({ name: "   " }).success).toBe(false);
    expect(createApiBodySchema.safeParse({ name: "x".repeat(129) }).success).toBe(false);
  });

  it("refuses credentials with the wildcard origin, which browsers reject", () => {
    const result = CorsPolicySchema.safeParse({ allowOrigins: ["*"], allowCredentials: true });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(["allowCredentials"]);
  });

  it("bounds the page size", () => {
    expect(listApisQuerySchema.parse({ limit: "10" }).limit).toBe(10);
    expect(listApisQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(listApisQuerySchema.safeParse({ limit: "1000" }).success).toBe(false);
    expect(listApisQuerySchema.safeParse({ limit: "ten" }).success).toBe(false);
  });
});

describe("resource bodies", () => {
  it("refuses path parts with slashes or illegal characters", () => {
    expect(createResourceBodySchema.safeParse({ parentId: "p", pathPart: "a/b" }).success).toBe(false);
    expect(createResourceBodySchema.safeParse({ parentId: "p", pathPart: "a b" }).success).toBe(false);
    expect(createResourceBodySchema.safeParse({ parentId: "p", pathPart: "{proxy+}" }).success).toBe(true);
  });
});

describe("model bodies", () => {
  it("accepts JSON Schemas of the common drafts", () => {
    for (const schema of [
      { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
      { $schema: "http://json-schema.org/draft-04/schema#", type: "number", minimum: 0, exclusiveMinimum: true },
      { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [{ type: "string" }] },
    ]) {
      expect(createModelBodySchema.safeParse({ name: "Pet", schema }).success).toBe(true);
    }
  });

  it("refuses a schema the validator cannot compile, with the validator's reason", () => {
    const result = createModelBodySchema.safeParse({ name: "Pet", schema: { type: "strnig" } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(["schema"]);
    expect(result.error?.issues[0].message).toMatch(/not a valid JSON Schema: .*type/);
  });

  it("allows only letters and digits in model names", () => {
    expect(createModelBodySchema.safeParse({ name: "New-Pet", schema: {} }).success).toBe(false);
  });
});
