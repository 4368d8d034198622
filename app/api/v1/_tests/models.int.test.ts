import { describe, expect, it } from "vitest";
import { z } from "zod";

import { MethodSchema } from "@/lib/schemas/method";
import { ModelPageSchema, ModelSchema } from "@/lib/schemas/model";

import * as modelRoute from "../apis/[apiId]/models/[modelId]/route";
import * as modelsRoute from "../apis/[apiId]/models/route";
import * as methodsRoute from "../apis/[apiId]/resources/[resourceId]/methods/route";
import { call, detailPaths, expectError, expectOk } from "./call";
import { createPath, createTestApi } from "./fixtures";

const modelEnvelope = z.object({ model: ModelSchema });
const petSchema = { type: "object", properties: { name: { type: "string" } }, required: ["name"] };

async function createModel(apiId: string, name: string, schema: object = petSchema) {
  return expectOk(await call("POST", modelsRoute.POST, { params: { apiId }, body: { name, schema } }), 201, modelEnvelope).model;
}

describe("models", () => {
  it("creates, lists by name, gets, updates and deletes a model", async () => {
    const api = await createTestApi();
    const pet = await createModel(api.id, "Pet");
    await createModel(api.id, "Error", { type: "object" });
    expect(pet).toMatchObject({ apiId: api.id, name: "Pet", contentType: "application/json", schema: petSchema });

    const page = expectOk(await call("GET", modelsRoute.GET, { params: { apiId: api.id } }), 200, ModelPageSchema);
    expect(page.items.map((model) => model.name)).toEqual(["Error", "Pet"]);

    const address = { apiId: api.id, modelId: pet.id };
    expect(expectOk(await call("GET", modelRoute.GET, { params: address }), 200, modelEnvelope).model).toEqual(pet);
    const renamed = await call("PATCH", modelRoute.PATCH, { params: address, body: { name: "Animal", description: "Any animal" } });
    expect(expectOk(renamed, 200, modelEnvelope).model).toMatchObject({ name: "Animal", description: "Any animal", schema: petSchema });
    expect((await call("DELETE", modelRoute.DELETE, { params: address })).status).toBe(204);
    expectError(await call("GET", modelRoute.GET, { params: address }), 404);
  });

  it("pages through models with limit and cursor", async () => {
    const api = await createTestApi();
    for (const name of ["A", "B", "C"]) await createModel(api.id, name);
    const first = expectOk(await call("GET", modelsRoute.GET, { params: { apiId: api.id }, query: { limit: "2" } }), 200, ModelPageSchema);
    expect(first.items.map((model) => model.name)).toEqual(["A", "B"]);
    const second = expectOk(
      await call("GET", modelsRoute.GET, { params: { apiId: api.id }, query: { limit: "2", cursor: first.nextCursor ?? "" } }),
      200,
      ModelPageSchema,
    );
    expect(second).toMatchObject({ items: [{ name: "C" }], nextCursor: null });
  });

  it("refuses a schema the validator cannot compile with 422 carrying the validator's message", async () => {
    const api = await createTestApi();
    const error = expectError(
      await call("POST", modelsRoute.POST, { params: { apiId: api.id }, body: { name: "Bad", schema: { type: 12 } } }),
      422,
    );
    expect(detailPaths(error)).toEqual(["schema"]);
    expect(error.message).toMatch(/not a valid JSON Schema: .+/);
  });

  it("refuses names other than letters and digits, and a duplicate name with 409", async () => {
    const api = await createTestApi();
    await createModel(api.id, "Pet");
    expect(
      detailPaths(
        expectError(await call("POST", modelsRoute.POST, { params: { apiId: api.id }, body: { name: "my-pet", schema: {} } }), 422),
      ),
    ).toEqual(["name"]);
    const duplicate = expectError(
      await call("POST", modelsRoute.POST, { params: { apiId: api.id }, body: { name: "Pet", schema: {} } }),
      409,
    );
    expect(detailPaths(duplicate)).toEqual(["name"]);
    // The same name in another API is fine.
    await createModel((await createTestApi()).id, "Pet");
  });

  it("refuses to delete a model a method validates with, naming the method", async () => {
    const api = await createTestApi();
    const model = await createModel(api.id, "NewPet");
    const pets = await createPath(api.id, "/pets");
    expectOk(
      await call("POST", methodsRoute.POST, {
        params: { apiId: api.id, resourceId: pets.id },
        body: { httpMethod: "POST", requestModelId: model.id, requestValidator: "BODY" },
      }),
      201,
      z.object({ method: MethodSchema }),
    );
    const error = expectError(await call("DELETE", modelRoute.DELETE, { params: { apiId: api.id, modelId: model.id } }), 409);
    expect(error.message).toContain("POST /pets");
  });

  it("answers 404 for a model of another API", async () => {
    const api = await createTestApi();
    const foreign = await createModel((await createTestApi()).id, "Pet");
    expectError(await call("GET", modelRoute.GET, { params: { apiId: api.id, modelId: foreign.id } }), 404);
  });
});
