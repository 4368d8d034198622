import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

import { GET as exportRoute } from "@/app/api/v1/apis/[apiId]/export/route";
import { POST as importRoute } from "@/app/api/v1/apis/import/route";
import { importOpenApiText } from "@/lib/openapi/import";
import { prisma } from "@/lib/server/db";

import { loadApiDefinition } from "./export-api";
import { checkRoutablePaths } from "./import-api";

const FIXTURES = fileURLToPath(new URL("../../../test/fixtures/openapi/", import.meta.url));
const expected = JSON.parse(readFileSync(FIXTURES + "EXPECTED_ERRORS.json", "utf8")) as Record<string, { valid: boolean }>;

async function postImport(body: string, query = "mode=new", contentType = "application/yaml") {
  const request = new Request(`http://localhost/api/v1/apis/import?${query}`, { method: "POST", body, headers: { "content-type": contentType } });
  const response = await importRoute(request, { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function getExport(apiId: string, query: string) {
  const request = new Request(`http://localhost/api/v1/apis/${apiId}/export?${query}`);
  return exportRoute(request, { params: Promise.resolve({ apiId }) });
}

async function rowCounts() {
  const [apis, resources, methods, models, audits] = await Promise.all([
    prisma.api.count(),
    prisma.resource.count(),
    prisma.method.count(),
    prisma.model.count(),
    prisma.auditEvent.count(),
  ]);
  return { apis, resources, methods, models, audits };
}

/** A generated document of `operations` operations and about 5 KB each. */
function generatedDocument(operations: number): string {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (let index = 0; index < operations / 2; index++) {
    schemas[`Item${index}`] = {
      type: "object",
      required: ["id"],
      properties: Object.fromEntries(
        Array.from({ length: 58 }, (_, field) => [`field${field}`, { type: "string", description: `Field ${field} of item ${index}, described at some length.` }]),
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

const corpus = Object.keys(
  JSON.parse(readFileSync(fileURLToPath(new URL("../../openapi/corpus-files.json", import.meta.url)), "utf8")) as Record<string, boolean>,
);

describe("POST /api/v1/apis/import", () => {
  const createdApiIds: string[] = [];
  afterAll(async () => {
    await prisma.api.deleteMany({ where: { id: { in: createdApiIds } } });
  });

  it.each(corpus)("imports or rejects %s as the unit expectations say, writing nothing on rejection", async (file) => {
    const text = readFileSync(FIXTURES + file, "utf8");
    let importable = true;
    try {
      checkRoutablePaths(importOpenApiText(text).definition);
    } catch {
      importable = false;
    }
    if (expected[file] && !expected[file].valid) expect(importable).toBe(false);
    const before = await rowCounts();
    const { status, body } = await postImport(text);
    if (!importable) {
      expect(status).toBe(400);
      expect(body.error.code).toBe("invalid_document");
      expect(body.error.details.length).toBeGreaterThan(0);
      expect(await rowCounts()).toEqual(before);
      return;
    }
    expect(status, JSON.stringify(body).slice(0, 500)).toBe(201);
    createdApiIds.push(body.api.id);
    expect(Array.isArray(body.report)).toBe(true);
    const stored = await loadApiDefinition(body.api.id);
    const imported = importOpenApiText(text).definition;
    expect(stored.resources.filter((resource) => resource.methods.length > 0).map((resource) => resource.path)).toEqual(
      imported.resources.filter((resource) => resource.methods.length > 0).map((resource) => resource.path),
    );
    expect(stored.models.length).toBe(imported.models.length);
    expect(await prisma.auditEvent.count({ where: { apiId: body.api.id, action: "api.import" } })).toBe(1);
  });

  it("gives YAML and JSON syntax errors a line and column", async () => {
    const yaml = await postImport("openapi: 3.0.0\ninfo:\n  title: x\n   bad: [\n");
    expect(yaml.status).toBe(400);
    expect(yaml.body.error.details[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    const json = await postImport('{"openapi": "3.0.0",\n "info": }', "mode=new", "application/json");
    expect(json.body.error.details[0]).toMatchObject({ line: 2, column: expect.any(Number) });
  });

  it("merges a document into an API, keeping its other resources, and overwrites one", async () => {
    const first = await postImport(
      "openapi: 3.0.3\ninfo: {title: Shop, version: '1'}\npaths:\n  /a:\n    get: {responses: {'200': {description: ok}}}\n  /b:\n    get: {responses: {'200': {description: ok}}}\n",
    );
    const apiId = first.body.api.id as string;
    createdApiIds.push(apiId);
    const second = "openapi: 3.0.3\ninfo: {title: Other, version: '2'}\npaths:\n  /b:\n    post: {responses: {'201': {description: ok}}}\n  /c:\n    get: {responses: {'200': {description: ok}}}\n";
    const merged = await postImport(second, `mode=merge&apiId=${apiId}`);
    expect(merged.status).toBe(201);
    let definition = await loadApiDefinition(apiId);
    expect(definition.name).toBe("Shop");
    expect(definition.resources.flatMap((resource) => resource.methods.map((method) => `${method.httpMethod} ${resource.path}`)).sort()).toEqual([
      "GET /a",
      "GET /b",
      "GET /c",
      "POST /b",
    ]);
    const overwritten = await postImport(second, `mode=overwrite&apiId=${apiId}`);
    expect(overwritten.status).toBe(201);
    definition = await loadApiDefinition(apiId);
    expect(definition.name).toBe("Other");
    expect(definition.resources.flatMap((resource) => resource.methods.map((method) => `${method.httpMethod} ${resource.path}`)).sort()).toEqual([
      "GET /c",
      "POST /b",
    ]);
  });

  it("leaves an API untouched when an overwrite is rejected, and refuses a merge into a missing API", async () => {
    const first = await postImport("openapi: 3.0.3\ninfo: {title: Keep, version: '1'}\npaths:\n  /keep:\n    get: {responses: {'200': {description: ok}}}\n");
    const apiId = first.body.api.id as string;
    createdApiIds.push(apiId);
    const before = await rowCounts();
    const clash = "openapi: 3.0.3\ninfo: {title: Clash, version: '1'}\npaths:\n  /a/{id}:\n    get: {responses: {'200': {description: ok}}}\n  /a/{name}/x:\n    get: {responses: {'200': {description: ok}}}\n  /b:\n    get: {operationId: same, responses: {'200': {description: ok}}}\n    post: {operationId: same, responses: {'200': {description: ok}}}\n";
    const rejected = await postImport(clash, `mode=overwrite&apiId=${apiId}`);
    expect(rejected.status).toBe(400);
    expect(rejected.body.error.details[0].pointer).toBe("/paths/~1b/post/operationId");
    expect(await rowCounts()).toEqual(before);
    expect((await loadApiDefinition(apiId)).name).toBe("Keep");
    const missing = await postImport(clash.replace("operationId: same, responses: {'200'", "responses: {'200'"), "mode=merge&apiId=doesnotexist");
    expect(missing.status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it("imports a 3 MB document with 600 operations in under 2 seconds end to end", async () => {
    const text = generatedDocument(600);
    expect(text.length).toBeGreaterThan(3_000_000);
    const started = performance.now();
    const { status, body } = await postImport(text, "mode=new", "application/json");
    const elapsed = performance.now() - started;
    expect(status).toBe(201);
    createdApiIds.push(body.api.id);
    expect(await prisma.method.count({ where: { resource: { apiId: body.api.id } } })).toBe(600);
    expect(elapsed).toBeLessThan(2000);
  });
});

describe("GET /api/v1/apis/{apiId}/export", () => {
  it("exports a stored API as a download that imports back to the same API", async () => {
    const text = readFileSync(FIXTURES + "localstack/tests/aws/files/openapi.spec.global-auth.json", "utf8");
    const { body } = await postImport(text, "mode=new", "application/json");
    const apiId = body.api.id as string;
    for (const format of ["oas30", "oas31", "swagger2"]) {
      const response = await getExport(apiId, `format=${format}&extensions=aws&type=yaml`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.yaml"$/);
      const again = importOpenApiText(await response.text()).definition;
      expect(again).toEqual(await loadApiDefinition(apiId));
    }
    const missing = await getExport("doesnotexist", "format=oas30");
    expect(missing.status).toBe(404);
    await prisma.api.delete({ where: { id: apiId } });
  });
});
