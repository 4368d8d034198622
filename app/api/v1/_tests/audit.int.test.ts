import { describe, expect, it } from "vitest";
import { z } from "zod";

import { ModelSchema } from "@/lib/schemas/model";
import { prisma } from "@/lib/server/db";

import * as apiRoute from "../apis/[apiId]/route";
import * as modelRoute from "../apis/[apiId]/models/[modelId]/route";
import * as modelsRoute from "../apis/[apiId]/models/route";
import * as methodRoute from "../apis/[apiId]/resources/[resourceId]/methods/[httpMethod]/route";
import * as methodsRoute from "../apis/[apiId]/resources/[resourceId]/methods/route";
import * as resourceRoute from "../apis/[apiId]/resources/[resourceId]/route";
import { call, expectOk } from "./call";
import { createPath, createTestApi } from "./fixtures";
import { createTestPrincipal } from "@/test/support/principals";

describe("the audit trail", () => {
  it("records every create, update and delete of APIs, resources, methods and models with the authenticated caller, ignoring any actor the client names", async () => {
    const developer = await createTestPrincipal("developer", "audit");
    const actor = { authorization: `Bearer ${developer.token}`, "x-portico-actor": "forged-actor", "user-agent": "audit-check/1.0" };
    const api = await createTestApi();
    const pets = await createPath(api.id, "/pets");
    const resourceParams = { apiId: api.id, resourceId: pets.id };
    const any = z.unknown();

    expectOk(await call("PATCH", apiRoute.PATCH, { params: { apiId: api.id }, body: { description: "d" }, headers: actor }), 200, any);
    expectOk(await call("PATCH", resourceRoute.PATCH, { params: resourceParams, body: { pathPart: "animals" }, headers: actor }), 200, any);
    expectOk(await call("POST", methodsRoute.POST, { params: resourceParams, body: { httpMethod: "GET" }, headers: actor }), 201, any);
    expectOk(
      await call("PATCH", methodRoute.PATCH, {
        params: { ...resourceParams, httpMethod: "GET" },
        body: { operationName: "list" },
        headers: actor,
      }),
      200,
      any,
    );
    expectOk(await call("DELETE", methodRoute.DELETE, { params: { ...resourceParams, httpMethod: "GET" }, headers: actor }), 204, any);
    const { model } = expectOk(
      await call("POST", modelsRoute.POST, { params: { apiId: api.id }, body: { name: "Pet", schema: {} }, headers: actor }),
      201,
      z.object({ model: ModelSchema }),
    );
    const modelParams = { apiId: api.id, modelId: model.id };
    expectOk(await call("PATCH", modelRoute.PATCH, { params: modelParams, body: { description: "x" }, headers: actor }), 200, any);
    expectOk(await call("DELETE", modelRoute.DELETE, { params: modelParams, headers: actor }), 204, any);
    expectOk(await call("DELETE", resourceRoute.DELETE, { params: resourceParams, headers: actor }), 204, any);
    expectOk(await call("DELETE", apiRoute.DELETE, { params: { apiId: api.id }, headers: actor }), 204, any);

    expect(await prisma.auditEvent.count({ where: { actor: "forged-actor" } })).toBe(0);
    const events = await prisma.auditEvent.findMany({
      where: { apiId: api.id, actorType: "token", actorId: developer.tokenId },
      orderBy: { id: "asc" },
    });
    expect(
      events.every((event) => event.actor.startsWith(developer.email) && event.userAgent === "audit-check/1.0" && event.requestId !== ""),
    ).toBe(true);
    expect(events.map((event) => event.action)).toEqual([
      "api.update",
      "resource.update",
      "method.create",
      "method.update",
      "method.delete",
      "model.create",
      "model.update",
      "model.delete",
      "resource.delete",
      "api.delete",
    ]);
    expect(events.find((event) => event.action === "resource.update")?.details).toMatchObject({ from: "/pets", to: "/animals" });
  });
});
