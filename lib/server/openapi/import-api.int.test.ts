import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

import { GET as exportRoute } from "@/app/api/v1/apis/[apiId]/export/route";
import { POST as importRoute } from "@/app/api/v1/apis/import/route";
import { importOpenApiText } from "@/lib/openapi/import";
import type { ApiDefinition } from "@/lib/openapi/model";
import { ErrorResponseSchema } from "@/lib/schemas/common";
import { prisma } from "@/lib/server/db";
import { bearerHeaders } from "@/test/support/principals";

import { loadApiDefinition } from "./export-api";
import { CORPUS } from "@/test/support/openapi/corpus-expectations";
import { generatedDocument, generatedNestedDocument } from "@/test/support/openapi/generated-document";

const FIXTURES = fileURLToPath(new URL("../../../test/fixtures/openapi/", import.meta.url));

async function postImport(body: string, query = "mode=new", contentType = "application/yaml") {
  const request = new Request(`http://localhost/api/v1/apis/import?${query}`, {
    method: "POST",
    body,
    headers: { "content-type": contentType, ...(await bearerHeaders()) },
  });
  const response = await importRoute(request, { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as ImportAnswer };
}

/** The import's answer: the API and its report on success, the error otherwise. */
type ImportAnswer = {
  api: { id: string };
  report: { path: string; message: string }[];
  error: { code: string; message: string; details: { path: string; message: string; pointer?: string; line?: number; column?: number }[] };
};

async function getExport(apiId: string, query: string) {
  const request = new Request(`http://localhost/api/v1/apis/${apiId}/export?${query}`, { headers: await bearerHeaders() });
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

/** Each operation as "VERB /path", with what a caller relies on: its parameters, body model and integration. */
function operationsOf(definition: ApiDefinition): Map<string, unknown> {
  const operations = new Map<string, unknown>();
  for (const resource of definition.resources) {
    for (const method of resource.methods) {
      operations.set(`${method.httpMethod} ${resource.path}`, {
        operationName: method.operationName,
        requestParameters: method.requestParameters,
        requestModelName: method.requestModelName,
        integration: { type: method.integration?.type, httpMethod: method.integration?.httpMethod, uri: method.integration?.uri },
      });
    }
  }
  return operations;
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
    const expectation = CORPUS[file];
    const importable = expectation?.valid === true;
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
    if (expectation.valid && expectation.warning) {
      // The same document with failOnWarnings: refused with its warnings, located, and nothing written.
      const strict = await rowCounts();
      const refused = await postImport(text, "mode=new&failOnWarnings=true");
      expect(refused.status).toBe(400);
      expect(refused.body.error.details[0].message).toMatch(expectation.warning);
      expect(typeof refused.body.error.details[0].line).toBe("number");
      expect(await rowCounts()).toEqual(strict);
    }
  });

  it("gives YAML and JSON syntax errors a line and column", async () => {
    const yaml = await postImport("openapi: 3.0.0\ninfo:\n  title: x\n   bad: [\n");
    expect(yaml.status).toBe(400);
    const [yamlError] = yaml.body.error.details;
    expect([typeof yamlError.line, typeof yamlError.column]).toEqual(["number", "number"]);
    const json = await postImport('{"openapi": "3.0.0",\n "info": }', "mode=new", "application/json");
    const [jsonError] = json.body.error.details;
    expect(jsonError.line).toBe(2);
    expect(typeof jsonError.column).toBe("number");
  });

  it("merges a document into an API, keeping its other resources, and overwrites one", async () => {
    const first = await postImport(
      "openapi: 3.0.3\ninfo: {title: Shop, version: '1'}\npaths:\n  /a:\n    get: {responses: {'200': {description: ok}}}\n  /b:\n    get: {responses: {'200': {description: ok}}}\n",
    );
    const apiId = first.body.api.id;
    createdApiIds.push(apiId);
    const second =
      "openapi: 3.0.3\ninfo: {title: Other, version: '2'}\npaths:\n  /b:\n    post: {responses: {'201': {description: ok}}}\n  /c:\n    get: {responses: {'200': {description: ok}}}\n";
    const merged = await postImport(second, `mode=merge&apiId=${apiId}`);
    expect(merged.status).toBe(201);
    let definition = await loadApiDefinition(apiId);
    expect(definition.name).toBe("Shop");
    expect(
      definition.resources.flatMap((resource) => resource.methods.map((method) => `${method.httpMethod} ${resource.path}`)).sort(),
    ).toEqual(["GET /a", "GET /b", "GET /c", "POST /b"]);
    const overwritten = await postImport(second, `mode=overwrite&apiId=${apiId}`);
    expect(overwritten.status).toBe(201);
    definition = await loadApiDefinition(apiId);
    expect(definition.name).toBe("Other");
    expect(
      definition.resources.flatMap((resource) => resource.methods.map((method) => `${method.httpMethod} ${resource.path}`)).sort(),
    ).toEqual(["GET /c", "POST /b"]);
  });

  it("leaves an API untouched when an overwrite is rejected, and refuses a merge into a missing API", async () => {
    const first = await postImport(
      "openapi: 3.0.3\ninfo: {title: Keep, version: '1'}\npaths:\n  /keep:\n    get: {responses: {'200': {description: ok}}}\n",
    );
    const apiId = first.body.api.id;
    createdApiIds.push(apiId);
    const before = await rowCounts();
    const clash =
      "openapi: 3.0.3\ninfo: {title: Clash, version: '1'}\npaths:\n  /a/{id}:\n    get: {responses: {'200': {description: ok}}}\n  /a/{name}/x:\n    get: {responses: {'200': {description: ok}}}\n  /b:\n    get: {operationId: same, responses: {'200': {description: ok}}}\n    post: {operationId: same, responses: {'200': {description: ok}}}\n";
    const rejected = await postImport(clash, `mode=overwrite&apiId=${apiId}&failOnWarnings=true`);
    expect(rejected.status).toBe(400);
    expect(rejected.body.error.details[0].path).toBe("/paths/~1b/post/operationId");
    expect(await rowCounts()).toEqual(before);
    expect((await loadApiDefinition(apiId)).name).toBe("Keep");
    const missing = await postImport(
      clash.replace("operationId: same, responses: {'200'", "responses: {'200'"),
      "mode=merge&apiId=doesnotexist&failOnWarnings=true",
    );
    expect(missing.status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it("answers every refusal in the one error shape: a rejected document, an oversized one (by bytes) and a wrong media type", async () => {
    const rejected = await postImport("openapi: 3.0.3\ninfo: {title: Broken, version: '1'}\npaths:\n  /a:\n    get: {responses: 7}\n");
    expect(rejected.status).toBe(400);
    const invalid = ErrorResponseSchema.parse(rejected.body).error;
    expect(invalid.code).toBe("invalid_document");
    expect(invalid.details?.[0]?.path).toMatch(/^\/paths\/~1a\/get/);
    expect(typeof invalid.details?.[0]?.line).toBe("number");

    // Three bytes per character: 7.2 million characters are under the 20 MiB limit, 21.6 MB are over it.
    const oversized = await postImport(`# ${"€".repeat(7_200_000)}\n`);
    expect(oversized.status).toBe(413);
    expect(ErrorResponseSchema.parse(oversized.body).error).toEqual({
      code: "payload_too_large",
      message: "The document is larger than 20 MiB; split it and import the parts with mode=merge",
    });

    const wrongType = await postImport("{}", "mode=new", "application/xml");
    expect(wrongType.status).toBe(415);
    expect(ErrorResponseSchema.parse(wrongType.body).error.code).toBe("unsupported_media_type");
  });

  // How fast this import runs is measured by `npm run bench:import`, not here: a timed test fails on a busy machine.
  it("imports a 3 MB document with 600 operations, writing every operation as the document defines it", async () => {
    const text = generatedDocument(600);
    expect(text.length).toBeGreaterThan(3_000_000);
    const { status, body } = await postImport(text, "mode=new", "application/json");
    expect(status).toBe(201);
    createdApiIds.push(body.api.id);
    expect(await prisma.method.count({ where: { resource: { apiId: body.api.id } } })).toBe(600);
    const stored = await loadApiDefinition(body.api.id);
    const parsed = importOpenApiText(text).definition;
    expect(operationsOf(stored)).toEqual(operationsOf(parsed));
    expect(stored.models.map((model) => model.name).sort()).toEqual(parsed.models.map((model) => model.name).sort());
  });
});

describe("POST /api/v1/apis/import, shared nested schemas", () => {
  it("imports a 4 MB document whose 420 operations share deeply nested, circular schemas, each model stored once", async () => {
    const text = generatedNestedDocument();
    expect(text.length).toBeGreaterThan(4_000_000);
    expect((text.match(/\$ref/g) ?? []).length).toBeGreaterThan(3000);
    const { status, body } = await postImport(text, "mode=new", "application/json");
    expect(status).toBe(201);
    try {
      expect(await prisma.method.count({ where: { resource: { apiId: body.api.id } } })).toBe(420);
      const models = await prisma.model.findMany({ where: { apiId: body.api.id }, select: { schema: true } });
      expect(models).toHaveLength(290);
      // By reference: no model carries copies of the others.
      for (const model of models) expect(model.schema).not.toHaveProperty("definitions");
    } finally {
      await prisma.api.delete({ where: { id: body.api.id } });
    }
  });
});

describe("POST /api/v1/apis/import, paths with literal text beside variables", () => {
  it("imports, stores and deploys {sid}.json beside {sid}, v{version}, @{name} and literal colons, and the gateway routes them", async () => {
    const mock = { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' } };
    const operation = { responses: { "200": { description: "ok" } }, "x-amazon-apigateway-integration": mock };
    const paths = ["/calls/{sid}.json", "/calls/{sid}", "/v{version}/status", "/users/@{name}", "/ns/a:b", "/files/{name}.{ext}"];
    const document = {
      openapi: "3.0.3",
      info: { title: "Literal", version: "1" },
      paths: Object.fromEntries(paths.map((path) => [path, { get: operation }])),
    };
    const { status, body } = await postImport(JSON.stringify(document), "mode=new", "application/json");
    expect(status).toBe(201);
    try {
      expect(body.report.filter((entry) => (entry as { outcome?: string }).outcome === "skipped")).toEqual([]);
      const stored = await loadApiDefinition(body.api.id);
      expect(stored.resources.filter((resource) => resource.methods.length > 0).map((resource) => resource.path)).toEqual(
        [...paths].sort(),
      );
      const { compileCurrentDefinition } = await import("@/lib/server/deployments/load-api-definition");
      const { Router } = await import("@/gateway/compile/router");
      const compiled = await compileCurrentDefinition({ apiId: body.api.id });
      const router = Router.build(compiled.routes.map((route) => ({ methods: [route.method], path: route.path, store: route.path })));
      const match = (path: string) => {
        const found = router.find("GET", path);
        return found === null ? null : [found.store, found.params];
      };
      expect(match("/calls/CA1.json")).toEqual(["/calls/{sid}.json", { sid: "CA1" }]);
      expect(match("/calls/CA1")).toEqual(["/calls/{sid}", { sid: "CA1" }]);
      expect(match("/v2/status")).toEqual(["/v{version}/status", { version: "2" }]);
      expect(match("/users/@ada")).toEqual(["/users/@{name}", { name: "ada" }]);
      expect(match("/ns/a:b")).toEqual(["/ns/a:b", {}]);
      expect(match("/files/report.pdf")).toEqual(["/files/{name}.{ext}", { name: "report", ext: "pdf" }]);
    } finally {
      await prisma.api.delete({ where: { id: body.api.id } });
    }
  });
});

describe("GET /api/v1/apis/{apiId}/export", () => {
  it("exports a stored API as a download that imports back to the same API", async () => {
    const text = readFileSync(FIXTURES + "localstack/tests/aws/files/openapi.spec.global-auth.json", "utf8");
    const { body } = await postImport(text, "mode=new", "application/json");
    const apiId = body.api.id;
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

describe("request validators and media types in the database", () => {
  it("stores the validators by name, the API's default, and each method's own, and exports them as they were written", async () => {
    const text = readFileSync(
      fileURLToPath(new URL("../../../test/fixtures/aws-developer-guide/request-validation-sample.json", import.meta.url)),
      "utf8",
    );
    const { status, body } = await postImport(text, "mode=new", "application/json");
    expect(status).toBe(201);
    const apiId = body.api.id;
    try {
      // The database lists models by name, and holds the root resource the paths hang from.
      const byName = (definition: ApiDefinition) => ({
        ...definition,
        models: [...definition.models].sort((a, b) => (a.name < b.name ? -1 : 1)),
        resources: definition.resources.filter((resource) => resource.methods.length > 0),
      });
      expect(byName(await loadApiDefinition(apiId))).toEqual(byName(importOpenApiText(text).definition));
      const exported = JSON.parse(await (await getExport(apiId, "format=swagger2&extensions=aws&type=json")).text()) as Record<
        string,
        unknown
      >;
      expect(exported["x-amazon-apigateway-request-validator"]).toBe("params-only");
      expect(Object.keys(exported["x-amazon-apigateway-request-validators"] as object).sort()).toEqual(["all", "params-only"]);
    } finally {
      await prisma.api.delete({ where: { id: apiId } });
    }
  });

  it("deploys a body model stored by reference with the models it reaches, so the gateway validates the whole body", async () => {
    const tag = { type: "object", required: ["id"], properties: { id: { type: "integer" }, parent: { $ref: "#/components/schemas/Tag" } } };
    const document = {
      openapi: "3.0.3",
      info: { title: "Tree", version: "1" },
      "x-amazon-apigateway-request-validators": { body: { validateRequestBody: true, validateRequestParameters: false } },
      "x-amazon-apigateway-request-validator": "body",
      paths: {
        "/nodes": {
          post: {
            requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } } },
            responses: { "201": { description: "created" } },
            "x-amazon-apigateway-integration": { type: "mock", requestTemplates: { "application/json": '{"statusCode": 201}' } },
          },
        },
      },
      components: {
        schemas: {
          Node: {
            type: "object",
            properties: {
              tag: { $ref: "#/components/schemas/Tag" },
              children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
            },
          },
          Tag: tag,
        },
      },
    };
    const { status, body } = await postImport(JSON.stringify(document), "mode=new", "application/json");
    expect(status).toBe(201);
    try {
      const { compileCurrentDefinition } = await import("@/lib/server/deployments/load-api-definition");
      const compiled = await compileCurrentDefinition({ apiId: body.api.id });
      const route = compiled.routes.find((candidate) => candidate.path === "/nodes");
      expect(route?.requestModel?.definitions).toEqual({
        Tag: { ...tag, properties: { ...tag.properties, parent: { $ref: "#/definitions/Tag" } } },
      });
      expect(route?.requestModel?.properties).toMatchObject({ children: { items: { $ref: "#" } } });
    } finally {
      await prisma.api.delete({ where: { id: body.api.id } });
    }
  });
});
