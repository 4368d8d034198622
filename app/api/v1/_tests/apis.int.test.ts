import { describe, expect, it } from "vitest";
import { z } from "zod";

import { ApiDetailSchema, ApiPageSchema, ApiSchema } from "@/lib/schemas/api";
import { prisma } from "@/lib/server/db";
import { testPrincipal } from "@/test/support/principals";

import * as apiRoute from "../apis/[apiId]/route";
import * as apisRoute from "../apis/route";
import { call, detailPaths, expectError, expectOk } from "./call";
import { createPath, createTestApi, listTree, uniqueName } from "./fixtures";
import * as methodsRoute from "../apis/[apiId]/resources/[resourceId]/methods/route";
import * as modelsRoute from "../apis/[apiId]/models/route";

const apiEnvelope = z.object({ api: ApiSchema });

describe("POST /api/v1/apis", () => {
  it("takes {name, description?} and answers 201 {api: {id, ...}}", async () => {
    const name = uniqueName("pets");
    const result = await call("POST", apisRoute.POST, { body: { name, description: "Pet store" } });
    const { api } = expectOk(result, 201, apiEnvelope);
    expect(api).toMatchObject({ name, description: "Pet store", cors: null, apiKeySource: "HEADER", binaryMediaTypes: [] });
    expect(api.id).toMatch(/^[a-z0-9]+$/);
  });

  it("creates the root resource / in the same transaction", async () => {
    const api = await createTestApi();
    const tree = await listTree(api.id);
    expect(tree.items).toHaveLength(1);
    expect(tree.items[0]).toMatchObject({ parentId: null, pathPart: "", path: "/", methods: [] });
    expect(typeof tree.items[0]?.id).toBe("string");
  });

  it("records who created the API in the audit trail", async () => {
    const admin = await testPrincipal("admin");
    const result = await call("POST", apisRoute.POST, { body: { name: uniqueName() }, headers: { "x-portico-actor": "release-bot" } });
    const { api } = expectOk(result, 201, apiEnvelope);
    const events = await prisma.auditEvent.findMany({ where: { apiId: api.id } });
    expect(events).toMatchObject([
      { actorType: "token", actorId: admin.tokenId, action: "api.create", targetType: "api", targetId: api.id, targetName: api.name },
    ]);
    expect(events[0].actor).toContain(admin.email);
  });

  it("answers malformed JSON with 400 naming the parser's position, and writes nothing", async () => {
    const before = await prisma.api.count();
    const error = expectError(await call("POST", apisRoute.POST, { rawBody: '{"name": "x",}' }), 400, "bad_request");
    expect(error.message).toMatch(/not valid JSON.*position \d+/);
    expect(await prisma.api.count()).toBe(before);
  });

  it("answers a body that is not declared as JSON with 415", async () => {
    expectError(
      await call("POST", apisRoute.POST, { rawBody: "name=x", contentType: "application/x-www-form-urlencoded" }),
      415,
      "unsupported_media_type",
    );
  });

  it("answers unknown fields, a missing name and an over-long description with 422 naming each field", async () => {
    const error = expectError(
      await call("POST", apisRoute.POST, { body: { colour: "red", description: "d".repeat(1025) } }),
      422,
      "validation_failed",
    );
    expect(detailPaths(error)).toEqual(["colour", "description", "name"]);
  });

  it("refuses an over-long name with 422 on name", async () => {
    const error = expectError(await call("POST", apisRoute.POST, { body: { name: "n".repeat(129) } }), 422);
    expect(detailPaths(error)).toEqual(["name"]);
  });
});

describe("GET /api/v1/apis", () => {
  it("pages through every API exactly once, newest first", async () => {
    const tag = uniqueName("paged");
    const created = [];
    for (let index = 0; index < 5; index += 1) created.push(await createTestApi(`${tag}-${index}`));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { q: tag, limit: "2" };
      if (cursor) query.cursor = cursor;
      const page = expectOk(await call("GET", apisRoute.GET, { query }), 200, ApiPageSchema);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((api) => api.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(created.map((api) => api.name).reverse());
  });

  it("searches name and description case-insensitively", async () => {
    const marker = uniqueName("Needle").toUpperCase();
    const byName = await createTestApi(`${marker} service`);
    const result = await call("POST", apisRoute.POST, { body: { name: uniqueName(), description: `has ${marker.toLowerCase()} inside` } });
    const byDescription = expectOk(result, 201, apiEnvelope).api;
    const page = expectOk(await call("GET", apisRoute.GET, { query: { q: marker.toLowerCase() } }), 200, ApiPageSchema);
    expect(page.items.map((api) => api.id).sort()).toEqual([byName.id, byDescription.id].sort());
    expect(page.nextCursor).toBeNull();
  });

  it("searches for % and _ literally", async () => {
    const marker = uniqueName("pct");
    const literal = await createTestApi(`${marker} 100%_off`);
    await createTestApi(`${marker} 100 and more`);
    const page = expectOk(await call("GET", apisRoute.GET, { query: { q: `${marker} 100%_` } }), 200, ApiPageSchema);
    expect(page.items.map((api) => api.id)).toEqual([literal.id]);
  });

  it("refuses a cursor it did not issue and an out-of-range limit with 422", async () => {
    expect(detailPaths(expectError(await call("GET", apisRoute.GET, { query: { cursor: "bm9wZQ" } }), 422))).toEqual(["cursor"]);
    expect(detailPaths(expectError(await call("GET", apisRoute.GET, { query: { limit: "0" } }), 422))).toEqual(["limit"]);
    expect(detailPaths(expectError(await call("GET", apisRoute.GET, { query: { sort: "name" } }), 422))).toEqual(["sort"]);
  });
});

describe("GET, PATCH, DELETE /api/v1/apis/{apiId}", () => {
  it("gets an API with its resource and method counts", async () => {
    const api = await createTestApi();
    await createPath(api.id, "/pets/{petId}");
    const result = await call("GET", apiRoute.GET, { params: { apiId: api.id } });
    const detail = expectOk(result, 200, z.object({ api: ApiDetailSchema })).api;
    expect(detail).toMatchObject({ id: api.id, resourceCount: 3, methodCount: 0 });
  });

  it("answers 404 for an unknown API", async () => {
    expectError(await call("GET", apiRoute.GET, { params: { apiId: "doesnotexist" } }), 404, "not_found");
    expectError(await call("PATCH", apiRoute.PATCH, { params: { apiId: "doesnotexist" }, body: { name: "x" } }), 404);
    expectError(await call("DELETE", apiRoute.DELETE, { params: { apiId: "doesnotexist" } }), 404);
  });

  it("changes only the fields sent, and validates CORS", async () => {
    const api = await createTestApi();
    const cors = { allowOrigins: ["https://app.example.com"], allowHeaders: ["x-api-key"], maxAgeSeconds: 600 };
    const result = await call("PATCH", apiRoute.PATCH, { params: { apiId: api.id }, body: { cors, binaryMediaTypes: ["image/*"] } });
    const updated = expectOk(result, 200, apiEnvelope).api;
    expect(updated).toMatchObject({
      name: api.name,
      binaryMediaTypes: ["image/*"],
      cors: { allowOrigins: ["https://app.example.com"], allowCredentials: false },
    });

    const bad = await call("PATCH", apiRoute.PATCH, {
      params: { apiId: api.id },
      body: { cors: { allowOrigins: ["*"], allowCredentials: true } },
    });
    expect(detailPaths(expectError(bad, 422))).toEqual(["cors.allowCredentials"]);
  });

  it("deletes an API whose stages point at its deployments, stage by stage and canary included", async () => {
    const api = await createTestApi();
    const live = await prisma.deployment.create({ data: { apiId: api.id, snapshot: {}, hash: "a".repeat(64), createdBy: "test" } });
    const canary = await prisma.deployment.create({ data: { apiId: api.id, snapshot: {}, hash: "b".repeat(64), createdBy: "test" } });
    await prisma.stage.create({
      data: { apiId: api.id, name: "prod", deploymentId: live.id, canaryDeploymentId: canary.id, canaryPercent: 10 },
    });
    await prisma.stage.create({ data: { apiId: api.id, name: "dev", deploymentId: canary.id } });

    expect((await call("DELETE", apiRoute.DELETE, { params: { apiId: api.id } })).status).toBe(204);
    expect(await prisma.stage.count({ where: { apiId: api.id } })).toBe(0);
    expect(await prisma.deployment.count({ where: { apiId: api.id } })).toBe(0);
  });

  it("deletes an API and everything it owns", async () => {
    const api = await createTestApi();
    const pet = await createPath(api.id, "/pets/{petId}");
    expectOk(
      await call("POST", methodsRoute.POST, {
        params: { apiId: api.id, resourceId: pet.id },
        body: { httpMethod: "GET", integration: { type: "MOCK" } },
      }),
      201,
      z.object({}).loose(),
    );
    expectOk(
      await call("POST", modelsRoute.POST, { params: { apiId: api.id }, body: { name: "Pet", schema: { type: "object" } } }),
      201,
      z.object({}).loose(),
    );

    const result = await call("DELETE", apiRoute.DELETE, { params: { apiId: api.id } });
    expect(result.status).toBe(204);
    expect(await prisma.resource.count({ where: { apiId: api.id } })).toBe(0);
    expect(await prisma.method.count({ where: { resource: { apiId: api.id } } })).toBe(0);
    expect(await prisma.integration.count({ where: { method: { resource: { apiId: api.id } } } })).toBe(0);
    expect(await prisma.model.count({ where: { apiId: api.id } })).toBe(0);
    expectError(await call("GET", apiRoute.GET, { params: { apiId: api.id } }), 404);
    // The trail outlives what it describes.
    expect(await prisma.auditEvent.count({ where: { apiId: api.id, action: "api.delete" } })).toBe(1);
  });
});
