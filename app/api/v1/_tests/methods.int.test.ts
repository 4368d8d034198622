import { describe, expect, it } from "vitest";
import { z } from "zod";

import { IntegrationSchema, MethodSchema } from "@/lib/schemas/method";
import { ModelSchema } from "@/lib/schemas/model";
import { ResourceDetailSchema } from "@/lib/schemas/resource";
import { prisma } from "@/lib/server/db";

import * as modelsRoute from "../apis/[apiId]/models/route";
import * as integrationRoute from "../apis/[apiId]/resources/[resourceId]/methods/[httpMethod]/integration/route";
import * as methodRoute from "../apis/[apiId]/resources/[resourceId]/methods/[httpMethod]/route";
import * as methodsRoute from "../apis/[apiId]/resources/[resourceId]/methods/route";
import * as resourceRoute from "../apis/[apiId]/resources/[resourceId]/route";
import { call, detailPaths, expectError, expectOk } from "./call";
import { createPath, createTestApi, listTree, withFailingWrites } from "./fixtures";

const methodEnvelope = z.object({ method: MethodSchema });
const integrationEnvelope = z.object({ integration: IntegrationSchema });

async function setup(path = "/pets/{petId}") {
  const api = await createTestApi();
  const resource = await createPath(api.id, path);
  return { api, resource, params: { apiId: api.id, resourceId: resource.id } };
}

async function methodRows(resourceId: string) {
  return prisma.method.findMany({ where: { resourceId }, include: { integration: true }, orderBy: { httpMethod: "asc" } });
}

describe("building /pets/{petId} GET with an HTTP proxy integration", () => {
  it("creates the route through the API and reads it back from the tree, the resource and the method", async () => {
    const api = await createTestApi();
    const pet = await createPath(api.id, "/pets/{petId}");
    const created = await call("POST", methodsRoute.POST, {
      params: { apiId: api.id, resourceId: pet.id },
      body: {
        httpMethod: "GET",
        operationName: "getPet",
        requestParameters: [{ in: "path", name: "petId", required: true }],
        integration: { type: "HTTP_PROXY", uri: "http://127.0.0.1:4010/pets/{petId}", timeoutMs: 5000 },
      },
    });
    const { method } = expectOk(created, 201, methodEnvelope);
    expect(method).toMatchObject({
      httpMethod: "GET",
      operationName: "getPet",
      authorizationType: "NONE",
      apiKeyRequired: false,
      requestParameters: [{ in: "path", name: "petId", required: true }],
      requestValidator: "NONE",
      integration: { type: "HTTP_PROXY", uri: "http://127.0.0.1:4010/pets/{petId}", httpMethod: null, timeoutMs: 5000, mockResponse: null },
    });

    const tree = await listTree(api.id);
    expect(tree.items.find((resource) => resource.path === "/pets/{petId}")?.methods).toEqual(["GET"]);

    const resource = expectOk(
      await call("GET", resourceRoute.GET, { params: { apiId: api.id, resourceId: pet.id } }),
      200,
      z.object({ resource: ResourceDetailSchema }),
    ).resource;
    expect(resource.methods).toEqual([method]);

    const read = await call("GET", methodRoute.GET, { params: { apiId: api.id, resourceId: pet.id, httpMethod: "get" } });
    expect(expectOk(read, 200, methodEnvelope).method).toEqual(method);
    expect(await prisma.auditEvent.count({ where: { apiId: api.id, action: "method.create", targetId: method.id } })).toBe(1);
  });
});

describe("POST .../methods", () => {
  it("refuses a duplicate verb with 409 on httpMethod", async () => {
    const { params } = await setup();
    expectOk(await call("POST", methodsRoute.POST, { params, body: { httpMethod: "GET" } }), 201, methodEnvelope);
    const error = expectError(await call("POST", methodsRoute.POST, { params, body: { httpMethod: "GET" } }), 409, "conflict");
    expect(detailPaths(error)).toEqual(["httpMethod"]);
  });

  it("gives a mock without a response 200 {}", async () => {
    const { params } = await setup();
    const { method } = expectOk(
      await call("POST", methodsRoute.POST, { params, body: { httpMethod: "POST", integration: { type: "MOCK" } } }),
      201,
      methodEnvelope,
    );
    expect(method.integration?.mockResponse).toEqual({ statusCode: 200, headers: { "content-type": "application/json" }, body: "{}" });
  });

  it("requires an API key by default on API_KEY methods", async () => {
    const { params } = await setup();
    const { method } = expectOk(
      await call("POST", methodsRoute.POST, { params, body: { httpMethod: "GET", authorizationType: "API_KEY" } }),
      201,
      methodEnvelope,
    );
    expect(method.apiKeyRequired).toBe(true);
  });

  it.each([
    [{ type: "HTTP_PROXY", uri: "/relative" }, "integration.uri"],
    [{ type: "HTTP_PROXY", uri: "https://up.example.com/{id}" }, "integration.uri"],
    [{ type: "HTTP", uri: "https://up.example.com", timeoutMs: 30_000 }, "integration.timeoutMs"],
    [{ type: "HTTP", uri: "https://up.example.com", timeoutMs: 10 }, "integration.timeoutMs"],
    [{ type: "AWS_PROXY", uri: "arn:aws:lambda" }, "integration.uri"],
    [{ type: "AWS", uri: "arn:aws:apigateway:us-east-1:s3:path/bucket/key" }, "integration.uri"],
    [{ type: "LAMBDA", uri: "arn:aws:lambda:us-east-1:123456789012:function:f" }, "integration.type"],
    [{ type: "MOCK", requestTemplates: { "application/json": "#if($a)" } }, "integration.requestTemplates.application/json"],
    [
      { type: "HTTP", uri: "https://up.example.com", requestParameters: { "integration.request.header.x": "method.request.body" } },
      "integration.requestParameters.integration.request.header.x",
    ],
    [{ type: "MOCK", uri: "https://up.example.com" }, "integration.uri"],
  ])("refuses the integration %j with 422 on %s, writing nothing", async (integration, field) => {
    const { params, resource } = await setup();
    const error = expectError(await call("POST", methodsRoute.POST, { params, body: { httpMethod: "GET", integration } }), 422);
    expect(detailPaths(error)).toEqual([field]);
    expect(await methodRows(resource.id)).toEqual([]);
  });

  it("accepts stage variables and the resource's own parameters in the URI", async () => {
    const { params } = await setup("/files/{proxy+}");
    const body = { httpMethod: "ANY", integration: { type: "HTTP_PROXY", uri: "https://${stageVariables.host}/files/{proxy}" } };
    expectOk(await call("POST", methodsRoute.POST, { params, body }), 201, methodEnvelope);
  });

  it("refuses path parameters the path does not declare, and a model of another API", async () => {
    const { params, resource } = await setup();
    const other = await createTestApi();
    const foreignModel = expectOk(
      await call("POST", modelsRoute.POST, { params: { apiId: other.id }, body: { name: "Pet", schema: { type: "object" } } }),
      201,
      z.object({ model: ModelSchema }),
    ).model;
    const parameterError = expectError(
      await call("POST", methodsRoute.POST, {
        params,
        body: { httpMethod: "GET", requestParameters: [{ in: "path", name: "id", required: true }] },
      }),
      422,
    );
    expect(detailPaths(parameterError)).toEqual(["requestParameters.0.name"]);
    const modelError = expectError(
      await call("POST", methodsRoute.POST, { params, body: { httpMethod: "GET", requestModelId: foreignModel.id } }),
      422,
    );
    expect(detailPaths(modelError)).toEqual(["requestModelId"]);
    expect(await methodRows(resource.id)).toEqual([]);
  });

  it("writes the method and its integration together or not at all", async () => {
    const { params, resource } = await setup();
    const result = await withFailingWrites("Integration", `NEW."uri" LIKE '%refused-upstream%'`, () =>
      call("POST", methodsRoute.POST, {
        params,
        body: { httpMethod: "GET", integration: { type: "HTTP_PROXY", uri: "https://refused-upstream.example.com/" } },
      }),
    );
    expectError(result, 422);
    expect(await methodRows(resource.id)).toEqual([]);
    expect(
      await prisma.auditEvent.count({
        where: { action: "method.create", details: { path: ["path"], equals: resource.path }, apiId: params.apiId },
      }),
    ).toBe(0);
  });

  it("answers 404 for an unknown resource and refuses unknown fields", async () => {
    const { api, params } = await setup();
    expectError(await call("POST", methodsRoute.POST, { params: { apiId: api.id, resourceId: "nope" }, body: { httpMethod: "GET" } }), 404);
    expect(
      detailPaths(expectError(await call("POST", methodsRoute.POST, { params, body: { httpMethod: "GET", verb: "GET" } }), 422)),
    ).toEqual(["verb"]);
  });
});

describe("PUT, PATCH, DELETE .../methods/{httpMethod}", () => {
  it("PUT creates (201) then replaces every field (200)", async () => {
    const { params } = await setup();
    const address = { ...params, httpMethod: "PUT" };
    const first = await call("PUT", methodRoute.PUT, {
      params: address,
      body: { authorizationType: "API_KEY", integration: { type: "HTTP", uri: "https://up.example.com/pets/{petId}", httpMethod: "POST" } },
    });
    expect(expectOk(first, 201, methodEnvelope).method).toMatchObject({ httpMethod: "PUT", apiKeyRequired: true });
    const second = await call("PUT", methodRoute.PUT, { params: address, body: { integration: { type: "MOCK" } } });
    expect(expectOk(second, 200, methodEnvelope).method).toMatchObject({
      authorizationType: "NONE",
      apiKeyRequired: false,
      integration: { type: "MOCK", uri: null },
    });
    expect(detailPaths(expectError(await call("PUT", methodRoute.PUT, { params: address, body: { httpMethod: "GET" } }), 422))).toEqual([
      "httpMethod",
    ]);
  });

  it("PATCH changes only the fields sent, can replace the integration and move the verb", async () => {
    const { params } = await setup();
    const created = await call("POST", methodsRoute.POST, {
      params,
      body: { httpMethod: "GET", operationName: "getPet", integration: { type: "HTTP_PROXY", uri: "https://up.example.com/pets/{petId}" } },
    });
    expectOk(created, 201, methodEnvelope);
    const patched = await call("PATCH", methodRoute.PATCH, {
      params: { ...params, httpMethod: "GET" },
      body: { requestValidator: "PARAMS" },
    });
    expect(expectOk(patched, 200, methodEnvelope).method).toMatchObject({
      operationName: "getPet",
      requestValidator: "PARAMS",
      integration: { type: "HTTP_PROXY" },
    });
    const moved = await call("PATCH", methodRoute.PATCH, {
      params: { ...params, httpMethod: "GET" },
      body: { httpMethod: "POST", integration: { type: "MOCK", mockResponse: { statusCode: 202 } } },
    });
    expect(expectOk(moved, 200, methodEnvelope).method).toMatchObject({
      httpMethod: "POST",
      integration: { type: "MOCK", mockResponse: { statusCode: 202, headers: {}, body: "" } },
    });
    expectError(await call("GET", methodRoute.GET, { params: { ...params, httpMethod: "GET" } }), 404);
  });

  it("PATCH refuses moving onto a verb the resource already has", async () => {
    const { params } = await setup();
    for (const httpMethod of ["GET", "POST"])
      expectOk(await call("POST", methodsRoute.POST, { params, body: { httpMethod } }), 201, methodEnvelope);
    expectError(await call("PATCH", methodRoute.PATCH, { params: { ...params, httpMethod: "GET" }, body: { httpMethod: "POST" } }), 409);
  });

  it("DELETE removes the method with its integration", async () => {
    const { params, resource } = await setup();
    expectOk(
      await call("POST", methodsRoute.POST, { params, body: { httpMethod: "GET", integration: { type: "MOCK" } } }),
      201,
      methodEnvelope,
    );
    expect((await call("DELETE", methodRoute.DELETE, { params: { ...params, httpMethod: "GET" } })).status).toBe(204);
    expect(await methodRows(resource.id)).toEqual([]);
    expect(await prisma.integration.count({ where: { method: { resourceId: resource.id } } })).toBe(0);
    expectError(await call("DELETE", methodRoute.DELETE, { params: { ...params, httpMethod: "GET" } }), 404);
  });

  it("answers 404 for a verb that does not exist", async () => {
    const { params } = await setup();
    expectError(await call("GET", methodRoute.GET, { params: { ...params, httpMethod: "FETCH" } }), 404);
  });
});

describe("PUT .../methods/{httpMethod}/integration", () => {
  it("sets (201) and replaces (200) a method's integration", async () => {
    const { params } = await setup();
    expectOk(await call("POST", methodsRoute.POST, { params, body: { httpMethod: "GET" } }), 201, methodEnvelope);
    const address = { ...params, httpMethod: "GET" };
    expectError(await call("GET", integrationRoute.GET, { params: address }), 404);
    const set = await call("PUT", integrationRoute.PUT, {
      params: address,
      body: { type: "HTTP_PROXY", uri: "https://up.example.com/{petId}" },
    });
    expect(expectOk(set, 201, integrationEnvelope).integration).toMatchObject({ type: "HTTP_PROXY" });
    const replaced = await call("PUT", integrationRoute.PUT, { params: address, body: { type: "MOCK" } });
    expect(expectOk(replaced, 200, integrationEnvelope).integration).toMatchObject({ type: "MOCK", uri: null });
    expect(expectOk(await call("GET", integrationRoute.GET, { params: address }), 200, integrationEnvelope).integration.type).toBe("MOCK");
    const bad = await call("PUT", integrationRoute.PUT, { params: address, body: { type: "HTTP", uri: "https://up.example.com/{nope}" } });
    expect(detailPaths(expectError(bad, 422))).toEqual(["uri"]);
  });
});
