// A synthetic OpenAPI document of a chosen size, shared by the import tests
// and the import benchmark so that both exercise the same document.

/** A generated document of `operations` operations and about 5 KB each. */
export function generatedDocument(operations: number): string {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (let index = 0; index < operations / 2; index++) {
    schemas[`Item${index}`] = {
      type: "object",
      required: ["id"],
      properties: Object.fromEntries(
        Array.from({ length: 58 }, (_, field) => [
          `field${field}`,
          { type: "string", description: `Field ${field} of item ${index}, described at some length.` },
        ]),
      ),
    };
    const ref = { $ref: `#/components/schemas/Item${index}` };
    paths[`/groups/g${index}/items`] = {
      post: {
        operationId: `createItem${index}`,
        requestBody: { content: { "application/json": { schema: ref } } },
        responses: { "201": { description: "Created", content: { "application/json": { schema: ref } } } },
        "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "POST", uri: `http://127.0.0.1:9/items/${index}` },
      },
    };
    paths[`/groups/g${index}/items/{itemId}`] = {
      get: {
        operationId: `getItem${index}`,
        parameters: [
          { name: "itemId", in: "path", required: true, schema: { type: "string" } },
          { name: "expand", in: "query", schema: { type: "boolean" } },
        ],
        responses: { "200": { description: "The item", content: { "application/json": { schema: ref } } } },
        "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "GET", uri: `http://127.0.0.1:9/items/${index}/{itemId}` },
      },
    };
  }
  return JSON.stringify({ openapi: "3.0.3", info: { title: "Generated", version: "1" }, paths, components: { schemas } }, null, 2);
}

/**
 * A generated document of `operations` operations whose bodies and
 * responses share `schemas` deeply nested schemas: each schema reaches
 * others through properties, arrays, anyOf, oneOf and allOf, some of them
 * circularly, so that nearly every schema reaches nearly every other one
 * and the document holds thousands of $refs. About 4 MB at the defaults.
 */
export function generatedNestedDocument(operations = 420, schemas = 290): string {
  const ref = (index: number) => ({ $ref: `#/components/schemas/Node${index % schemas}` });
  const components: Record<string, unknown> = {};
  for (let index = 0; index < schemas; index++) {
    components[`Node${index}`] = {
      type: "object",
      description: `Node ${index}: a shared schema that other schemas and many operations reach.`,
      required: ["id", "kind"],
      properties: {
        id: { type: "string", format: "uuid", description: "The node's identifier." },
        kind: { type: "string", enum: ["leaf", "branch", "root"], example: "leaf" },
        ...Object.fromEntries(
          Array.from({ length: 56 }, (_, field) => [
            `attribute${field}`,
            { type: "string", maxLength: 256, description: `Attribute ${field} of node ${index}, described at some length for size.` },
          ]),
        ),
        parent: ref(index + 1),
        children: { type: "array", items: ref(index + 2), maxItems: 100 },
        either: { anyOf: [ref(index + 3), ref(index + 5), { type: "string", nullable: true }] },
        oneOfThem: { oneOf: [ref(index + 7), ref(index + 11)] },
        extended: { allOf: [ref(index + 13), { type: "object", properties: { note: { type: "string" } } }] },
        // Circular: far enough ahead that it wraps around to an earlier node.
        back: ref(index + schemas - 1),
      },
    };
  }
  const paths: Record<string, unknown> = {};
  for (let index = 0; index < operations; index++) {
    const group = Math.floor(index / 2);
    const path = index % 2 === 0 ? `/areas/a${group}/nodes` : `/areas/a${group}/nodes/{nodeId}`;
    const item = (paths[path] ??= {}) as Record<string, unknown>;
    const operation: Record<string, unknown> = {
      operationId: `operation${index}`,
      summary: `Operation ${index} on area ${group}.`,
      responses: {
        "200": { description: "The node", content: { "application/json": { schema: ref(index * 7) } } },
        "400": { description: "A problem", content: { "application/json": { schema: ref(index * 7 + 3) } } },
      },
      "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "ANY", uri: `http://127.0.0.1:9/areas/${group}` },
    };
    if (index % 2 === 0) {
      operation.requestBody = { content: { "application/json": { schema: ref(index * 3) } } };
      item.post = operation;
    } else {
      operation.parameters = [{ name: "nodeId", in: "path", required: true, schema: { type: "string" } }];
      item.get = operation;
    }
  }
  return JSON.stringify({ openapi: "3.0.3", info: { title: "Nested", version: "1" }, paths, components: { schemas: components } }, null, 2);
}
