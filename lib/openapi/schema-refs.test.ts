import { describe, expect, it } from "vitest";
import { createSchemaCompiler } from "@/gateway/plugins/validate-request";
import { importOpenApiText } from "./import";
import { referencedDefinitions, withModelDefinitions } from "./schema-refs";

const document = JSON.stringify({
  openapi: "3.0.3",
  info: { title: "Tree", version: "1" },
  paths: {
    "/nodes": {
      post: {
        requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } } },
        responses: { "201": { description: "created" } },
      },
    },
  },
  components: {
    schemas: {
      Node: {
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string" },
          tag: { $ref: "#/components/schemas/Tag" },
          children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
          either: { anyOf: [{ $ref: "#/components/schemas/Tag" }, { $ref: "#/components/schemas/Label/properties/text" }] },
        },
      },
      Tag: { type: "object", required: ["id"], properties: { id: { type: "integer" }, parent: { $ref: "#/components/schemas/Tag" } } },
      Label: { type: "object", properties: { text: { type: "string", maxLength: 3 } } },
    },
  },
});

describe("models stored by reference", () => {
  const { definition } = importOpenApiText(document);
  const models = new Map(definition.models.map((model) => [model.name, model.schema]));

  it("keeps each model's own schema, referring to the others by name, without copying them", () => {
    expect(models.get("Node")).not.toHaveProperty("definitions");
    expect(models.get("Node")?.properties).toMatchObject({ tag: { $ref: "#/definitions/Tag" }, children: { items: { $ref: "#" } } });
    expect(models.get("Tag")?.properties).toMatchObject({ parent: { $ref: "#" } });
    expect([...referencedDefinitions(models.get("Node"))].sort()).toEqual(["Label", "Tag"]);
  });

  it("assembles the models a schema reaches, circular ones included, into a schema a validator compiles", () => {
    const node = models.get("Node") ?? {};
    const assembled = withModelDefinitions(node, (name) => models.get(name));
    expect(Object.keys(assembled.definitions as object)).toEqual(["Label", "Tag"]);
    // Tag's reference to itself now points at its place under definitions.
    expect((assembled.definitions as Record<string, { properties: Record<string, unknown> }>).Tag.properties.parent).toEqual({
      $ref: "#/definitions/Tag",
    });
    const validate = createSchemaCompiler()(assembled);
    expect(validate({ name: "root", tag: { id: 1, parent: { id: 2 } }, children: [{ name: "leaf", either: "abc" }] })).toBe(true);
    expect(validate({ name: "root", tag: { id: "one" } })).toBe(false);
    expect(validate({ name: "root", children: [{ name: "leaf", tag: { parent: { id: 3 } } }] })).toBe(false);
    expect(validate({ name: "root", either: "abcd" })).toBe(false);
  });

  it("treats a model that does not exist as a schema that accepts anything", () => {
    const assembled = withModelDefinitions({ properties: { gone: { $ref: "#/definitions/Gone" } } }, () => undefined);
    expect(assembled.definitions).toEqual({ Gone: {} });
    expect(createSchemaCompiler()(assembled)({ gone: 42 })).toBe(true);
  });
});
