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
