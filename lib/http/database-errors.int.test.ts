import { describe, expect, it } from "vitest";

import { prisma } from "@/lib/server/db";
import { translateDatabaseError } from "@/lib/server/errors/translate-database-error";

import { handleApiError } from "./handle-api-error";
import type { ErrorResponse } from "@/lib/schemas/common";

const context = { requestId: "test", method: "POST", path: "/api/v1/test" };

async function refusal(write: () => Promise<unknown>): Promise<unknown> {
  return write().then(
    () => {
      throw new Error("the database accepted the write");
    },
    (error: unknown) => error,
  );
}

async function newApi() {
  return prisma.api.create({ data: { name: "errors", resources: { create: { pathPart: "", path: "/" } } }, include: { resources: true } });
}

// The domain functions check these rules first; these tests stand in for two
// concurrent requests that both passed the checks, leaving the database to refuse.
describe("database refusals in the one error shape", () => {
  it("turns a unique violation (P2002) into 409 naming the field in words", async () => {
    const api = await newApi();
    const root = api.resources[0];
    const data = { apiId: api.id, parentId: root.id, pathPart: "pets", path: "/pets" };
    await prisma.resource.create({ data });
    const response = handleApiError(await refusal(() => prisma.resource.create({ data })), context);
    expect(response.status).toBe(409);
    const body = (await response.json()) as ErrorResponse;
    expect(body.error.code).toBe("conflict");
    expect(body.error.details?.[0]?.path).toBe("pathPart");
    expect(body.error.message).not.toMatch(/Resource_|constraint/);
  });

  it("turns the one-variable-child index into the sibling message", async () => {
    const api = await newApi();
    const root = api.resources[0];
    await prisma.resource.create({ data: { apiId: api.id, parentId: root.id, pathPart: "{a}", path: "/{a}", variableParentId: root.id } });
    const error = translateDatabaseError(
      await refusal(() =>
        prisma.resource.create({ data: { apiId: api.id, parentId: root.id, pathPart: "{b}", path: "/{b}", variableParentId: root.id } }),
      ),
    );
    expect(error?.status).toBe(409);
    expect(error?.message).toContain("A sibling resource already has a variable path part");
  });

  it("turns a CHECK violation (23514) into 422 naming the field", async () => {
    const api = await newApi();
    const method = await prisma.method.create({ data: { resourceId: api.resources[0].id, httpMethod: "GET" } });
    const error = translateDatabaseError(
      await refusal(() => prisma.integration.create({ data: { methodId: method.id, type: "HTTP", uri: "https://x", timeoutMs: 10 } })),
    );
    expect(error?.status).toBe(422);
    expect(error?.details?.[0].path).toBe("integration.timeoutMs");
  });

  it("turns a missing record (P2025) into 404", async () => {
    const error = translateDatabaseError(await refusal(() => prisma.api.update({ where: { id: "missing" }, data: { name: "x" } })));
    expect(error?.status).toBe(404);
  });

  it("turns a foreign key violation into 409", async () => {
    const api = await newApi();
    const error = translateDatabaseError(
      await refusal(() =>
        prisma.method.create({ data: { resourceId: api.resources[0].id, httpMethod: "GET", requestModelId: "missing" } }),
      ),
    );
    expect(error?.status).toBe(409);
  });

  it("leaves other failures to the generic 500", () => {
    expect(translateDatabaseError(new Error("socket hang up"))).toBeNull();
  });
});
