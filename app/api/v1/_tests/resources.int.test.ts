import { describe, expect, it } from "vitest";
import { z } from "zod";

import { MethodSchema } from "@/lib/schemas/method";
import { ResourceDetailSchema, ResourcePageSchema, ResourceSummarySchema } from "@/lib/schemas/resource";
import { prisma } from "@/lib/server/db";

import * as methodsRoute from "../apis/[apiId]/resources/[resourceId]/methods/route";
import * as resourceRoute from "../apis/[apiId]/resources/[resourceId]/route";
import * as resourcesRoute from "../apis/[apiId]/resources/route";
import { call, detailPaths, expectError, expectOk } from "./call";
import { createPath, createTestApi, createTestResource, listTree, rootOf, withFailingWrites } from "./fixtures";
import { backendsBlockedBy, closeWriteGate, waitForBlockedBy } from "./write-gate";
import { waitFor } from "@/test/support/wait-for";

const resourceEnvelope = z.object({ resource: ResourceSummarySchema });

async function snapshot(apiId: string) {
  return prisma.resource.findMany({
    where: { apiId },
    orderBy: { path: "asc" },
    select: { id: true, parentId: true, pathPart: true, path: true, variableParentId: true },
  });
}

async function addMethod(apiId: string, resourceId: string, body: Record<string, unknown>) {
  return expectOk(await call("POST", methodsRoute.POST, { params: { apiId, resourceId }, body }), 201, z.object({ method: MethodSchema }));
}

describe("GET /api/v1/apis/{apiId}/resources", () => {
  it("returns the whole tree ordered by path as {items: [{id, parentId, pathPart, path, methods}], nextCursor}", async () => {
    const api = await createTestApi();
    const pet = await createPath(api.id, "/pets/{petId}");
    await createPath(api.id, "/orders");
    await addMethod(api.id, pet.id, { httpMethod: "DELETE", integration: { type: "MOCK" } });
    await addMethod(api.id, pet.id, { httpMethod: "GET", integration: { type: "MOCK" } });

    const result = await call("GET", resourcesRoute.GET, { params: { apiId: api.id } });
    expect(Object.keys(result.body as object).sort()).toEqual(["items", "nextCursor"]);
    const page = expectOk(result, 200, ResourcePageSchema);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((resource) => resource.path)).toEqual(["/", "/orders", "/pets", "/pets/{petId}"]);
    const petItem = page.items.find((resource) => resource.path === "/pets/{petId}");
    expect(Object.keys(petItem ?? {}).sort()).toEqual(["id", "methods", "parentId", "path", "pathPart"]);
    expect(petItem).toMatchObject({ pathPart: "{petId}", methods: ["GET", "DELETE"] });
  });

  it("pages with limit and cursor, each resource exactly once", async () => {
    const api = await createTestApi();
    for (const part of ["a", "b", "c", "d"]) await createPath(api.id, `/${part}`);
    const paths: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { limit: "2" };
      if (cursor) query.cursor = cursor;
      const page = expectOk(await call("GET", resourcesRoute.GET, { params: { apiId: api.id }, query }), 200, ResourcePageSchema);
      paths.push(...page.items.map((resource) => resource.path));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paths).toEqual(["/", "/a", "/b", "/c", "/d"]);
  });

  it("answers 404 for an unknown API", async () => {
    expectError(await call("GET", resourcesRoute.GET, { params: { apiId: "nosuchapi" } }), 404);
  });
});

describe("POST /api/v1/apis/{apiId}/resources", () => {
  it("creates a child with its full path and keeps variableParentId for variable parts only", async () => {
    const api = await createTestApi();
    const root = await rootOf(api.id);
    const pets = await createTestResource(api.id, root.id, "pets");
    const pet = await createTestResource(api.id, pets.id, "{petId}");
    expect(pet).toMatchObject({ parentId: pets.id, pathPart: "{petId}", path: "/pets/{petId}", methods: [] });
    const rows = await snapshot(api.id);
    expect(rows.find((row) => row.id === pet.id)?.variableParentId).toBe(pets.id);
    expect(rows.find((row) => row.id === pets.id)?.variableParentId).toBeNull();
  });

  it("refuses path parts with slashes or illegal characters with 422 on pathPart", async () => {
    const api = await createTestApi();
    const root = await rootOf(api.id);
    for (const pathPart of ["a/b", "pets?", "{pet-id}", "", "x".repeat(256)]) {
      const error = expectError(
        await call("POST", resourcesRoute.POST, { params: { apiId: api.id }, body: { parentId: root.id, pathPart } }),
        422,
      );
      expect(detailPaths(error)).toEqual(["pathPart"]);
    }
    expect(await snapshot(api.id)).toHaveLength(1);
  });

  it("refuses a duplicate sibling with 409", async () => {
    const api = await createTestApi();
    const root = await rootOf(api.id);
    await createTestResource(api.id, root.id, "pets");
    const error = expectError(
      await call("POST", resourcesRoute.POST, { params: { apiId: api.id }, body: { parentId: root.id, pathPart: "pets" } }),
      409,
    );
    expect(detailPaths(error)).toEqual(["pathPart"]);
  });

  it("refuses a second variable sibling with 409 naming the existing one", async () => {
    const api = await createTestApi();
    const pets = await createPath(api.id, "/pets");
    await createTestResource(api.id, pets.id, "{id}");
    for (const pathPart of ["{petId}", "{proxy+}"]) {
      const error = expectError(
        await call("POST", resourcesRoute.POST, { params: { apiId: api.id }, body: { parentId: pets.id, pathPart } }),
        409,
      );
      expect(error.message).toContain("A sibling resource already has a variable path part {id}");
    }
  });

  it("refuses a second {proxy+} sibling with 409 and writes nothing", async () => {
    const api = await createTestApi();
    const files = await createPath(api.id, "/files");
    await createTestResource(api.id, files.id, "{proxy+}");
    const before = await snapshot(api.id);
    for (const pathPart of ["{proxy+}", "{rest+}"]) {
      const error = expectError(
        await call("POST", resourcesRoute.POST, { params: { apiId: api.id }, body: { parentId: files.id, pathPart } }),
        409,
      );
      expect(detailPaths(error)).toEqual(["pathPart"]);
    }
    expect(await snapshot(api.id)).toEqual(before);
  });

  it("keeps {proxy+} a leaf: no children under a greedy resource", async () => {
    const api = await createTestApi();
    const proxy = await createPath(api.id, "/files/{proxy+}");
    const error = expectError(
      await call("POST", resourcesRoute.POST, { params: { apiId: api.id }, body: { parentId: proxy.id, pathPart: "x" } }),
      409,
    );
    expect(detailPaths(error)).toEqual(["parentId"]);
  });

  it("refuses a path that would declare the same parameter twice", async () => {
    const api = await createTestApi();
    const items = await createPath(api.id, "/a/{id}/b");
    const error = expectError(
      await call("POST", resourcesRoute.POST, { params: { apiId: api.id }, body: { parentId: items.id, pathPart: "{id}" } }),
      422,
    );
    expect(error.message).toContain("{id}");
  });

  it("answers 404 for a parent from another API", async () => {
    const first = await createTestApi();
    const second = await createTestApi();
    const foreignRoot = await rootOf(second.id);
    const error = expectError(
      await call("POST", resourcesRoute.POST, { params: { apiId: first.id }, body: { parentId: foreignRoot.id, pathPart: "x" } }),
      404,
    );
    expect(detailPaths(error)).toEqual(["parentId"]);
  });
});

describe("GET /api/v1/apis/{apiId}/resources/{resourceId}", () => {
  it("returns the resource with its methods and integrations in full", async () => {
    const api = await createTestApi();
    const pet = await createPath(api.id, "/pets/{petId}");
    await addMethod(api.id, pet.id, {
      httpMethod: "GET",
      integration: { type: "HTTP_PROXY", uri: "https://backend.example.com/pets/{petId}" },
    });
    const result = await call("GET", resourceRoute.GET, { params: { apiId: api.id, resourceId: pet.id } });
    const { resource } = expectOk(result, 200, z.object({ resource: ResourceDetailSchema }));
    expect(resource).toMatchObject({ path: "/pets/{petId}", childCount: 0 });
    expect(resource.methods).toHaveLength(1);
    expect(resource.methods[0].integration).toMatchObject({
      type: "HTTP_PROXY",
      uri: "https://backend.example.com/pets/{petId}",
      timeoutMs: 29000,
    });
  });

  it("answers 404 for a resource of another API", async () => {
    const first = await createTestApi();
    const second = await createTestApi();
    const foreign = await rootOf(second.id);
    expectError(await call("GET", resourceRoute.GET, { params: { apiId: first.id, resourceId: foreign.id } }), 404);
  });
});

describe("PATCH /api/v1/apis/{apiId}/resources/{resourceId} (rename)", () => {
  it("renames a resource and rewrites the path of its whole subtree", async () => {
    const api = await createTestApi();
    await createPath(api.id, "/pets/{petId}/toys/{toyId}");
    await createPath(api.id, "/pets-archive");
    const tree = await listTree(api.id);
    const pets = tree.items.find((resource) => resource.path === "/pets");
    const result = await call("PATCH", resourceRoute.PATCH, {
      params: { apiId: api.id, resourceId: pets?.id ?? "" },
      body: { pathPart: "animals" },
    });
    expect(expectOk(result, 200, resourceEnvelope).resource).toMatchObject({ path: "/animals", pathPart: "animals" });
    expect((await snapshot(api.id)).map((row) => row.path)).toEqual([
      "/",
      "/animals",
      "/animals/{petId}",
      "/animals/{petId}/toys",
      "/animals/{petId}/toys/{toyId}",
      "/pets-archive",
    ]);
  });

  it("moves variableParentId with a rename between literal and variable", async () => {
    const api = await createTestApi();
    const item = await createPath(api.id, "/items/current");
    const renamed = await call("PATCH", resourceRoute.PATCH, {
      params: { apiId: api.id, resourceId: item.id },
      body: { pathPart: "{itemId}" },
    });
    expectOk(renamed, 200, resourceEnvelope);
    expect((await snapshot(api.id)).find((row) => row.id === item.id)?.variableParentId).toBe(item.parentId);
    const back = await call("PATCH", resourceRoute.PATCH, { params: { apiId: api.id, resourceId: item.id }, body: { pathPart: "latest" } });
    expectOk(back, 200, resourceEnvelope);
    expect((await snapshot(api.id)).find((row) => row.id === item.id)?.variableParentId).toBeNull();
  });

  it("refuses to rename the root, onto a sibling, or into a greedy part with children, changing nothing", async () => {
    const api = await createTestApi();
    const root = await rootOf(api.id);
    const pets = await createPath(api.id, "/pets");
    await createPath(api.id, "/pets/{petId}");
    await createPath(api.id, "/orders");
    const before = await snapshot(api.id);

    expectError(await call("PATCH", resourceRoute.PATCH, { params: { apiId: api.id, resourceId: root.id }, body: { pathPart: "x" } }), 409);
    expectError(
      await call("PATCH", resourceRoute.PATCH, { params: { apiId: api.id, resourceId: pets.id }, body: { pathPart: "orders" } }),
      409,
    );
    expectError(
      await call("PATCH", resourceRoute.PATCH, { params: { apiId: api.id, resourceId: pets.id }, body: { pathPart: "{proxy+}" } }),
      409,
    );
    expect(await snapshot(api.id)).toEqual(before);
  });

  it("refuses to rename a parameter that methods below still use, changing nothing", async () => {
    const api = await createTestApi();
    const pet = await createPath(api.id, "/pets/{petId}");
    const toys = await createPath(api.id, "/pets/{petId}/toys");
    await addMethod(api.id, toys.id, {
      httpMethod: "GET",
      integration: { type: "HTTP_PROXY", uri: "https://up.example.com/pets/{petId}/toys" },
    });
    const before = await snapshot(api.id);
    const error = expectError(
      await call("PATCH", resourceRoute.PATCH, { params: { apiId: api.id, resourceId: pet.id }, body: { pathPart: "{id}" } }),
      409,
    );
    expect(error.message).toContain("GET /pets/{petId}/toys");
    expect(await snapshot(api.id)).toEqual(before);
  });

  it("refuses a rename that would make a descendant's path too long, changing nothing", async () => {
    const api = await createTestApi();
    const pets = await createPath(api.id, "/pets");
    const longPart = "p".repeat(255);
    const deep = await createPath(api.id, `/pets/${Array.from({ length: 7 }, () => longPart).join("/")}/tail-of-10`);
    // 1,808 characters now; renaming "pets" to 255 characters adds 251.
    expect(deep.path.length).toBe(1808);
    const before = await snapshot(api.id);
    const result = await call("PATCH", resourceRoute.PATCH, {
      params: { apiId: api.id, resourceId: pets.id },
      body: { pathPart: "x".repeat(255) },
    });
    expect(detailPaths(expectError(result, 422))).toEqual(["pathPart"]);
    expect(await snapshot(api.id)).toEqual(before);
  });

  it("rolls the whole rename back when the database refuses the subtree rewrite half-way", async () => {
    const api = await createTestApi();
    const pets = await createPath(api.id, "/pets");
    await createPath(api.id, "/pets/{petId}/toys");
    const before = await snapshot(api.id);
    // The renamed resource itself is written first; its descendants are then refused.
    const result = await withFailingWrites("Resource", `NEW."path" LIKE '/refused-subtree/%'`, () =>
      call("PATCH", resourceRoute.PATCH, { params: { apiId: api.id, resourceId: pets.id }, body: { pathPart: "refused-subtree" } }),
    );
    expectError(result, 422);
    expect(await snapshot(api.id)).toEqual(before);
    expect(await prisma.auditEvent.count({ where: { apiId: api.id, action: "resource.update" } })).toBe(0);
  });
});

describe("concurrent changes to the tree", () => {
  /** Every resource's path is its parent's path plus its own part. */
  async function expectPathsFollowParents(apiId: string) {
    const rows = await snapshot(apiId);
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const row of rows) {
      if (row.parentId === null) continue;
      const parent = byId.get(row.parentId);
      expect(row.path).toBe(parent?.path === "/" ? `/${row.pathPart}` : `${parent?.path}/${row.pathPart}`);
    }
    return rows;
  }

  function renameTo(apiId: string, resourceId: string, pathPart: string) {
    return call("PATCH", resourceRoute.PATCH, { params: { apiId, resourceId }, body: { pathPart } });
  }

  function addChild(apiId: string, parentId: string, pathPart: string) {
    return call("POST", resourcesRoute.POST, { params: { apiId }, body: { parentId, pathPart } });
  }

  /** Waits until `check` holds; each check asks the database where the requests are. */
  async function waitUntil(check: () => Promise<boolean>, what: string) {
    await waitFor(check, { what, intervalMs: 10 });
  }

  // The interleaving that left a grandchild with a stale path, forced step by
  // step with write gates. A child is being added under /pets/{petId} when
  // the rename of /pets starts; once the child is in, a grandchild is added
  // under it and committed while the rename is rewriting the subtree. Each
  // request goes as far as the locking lets it, so the test holds for any
  // correct locking and fails for one that lets the grandchild read its
  // parent's path before the rename has rewritten it.
  async function addGrandchildDuringRename() {
    const api = await createTestApi();
    const pets = await createPath(api.id, "/pets");
    const pet = await createPath(api.id, "/pets/{petId}");
    const gateChild = await closeWriteGate("Resource", `TG_OP = 'INSERT' AND NEW."apiId" = '${api.id}' AND NEW."pathPart" = 'toys'`);
    const gateRename = await closeWriteGate("Resource", `NEW."apiId" = '${api.id}' AND NEW."path" = '/pets-b'`);
    const gateGrandchild = await closeWriteGate("Resource", `TG_OP = 'INSERT' AND NEW."apiId" = '${api.id}' AND NEW."pathPart" = 'ball'`);
    try {
      const child = addChild(api.id, pet.id, "toys");
      const childPid = await gateChild.waitForWaiter();
      const rename = renameTo(api.id, pets.id, "pets-b");
      let renameSettled = false;
      void rename.finally(() => {
        renameSettled = true;
      });
      await waitForBlockedBy(childPid, 1);
      await gateChild.open();
      const { resource: toys } = expectOk(await child, 201, resourceEnvelope);
      const renamePid = await gateRename.waitForWaiter();

      const grandchild = addChild(api.id, toys.id, "ball");
      await waitUntil(
        async () => (await gateGrandchild.waiterPid()) !== null || (await backendsBlockedBy(renamePid)).length > 0,
        "the grandchild to reach its write or wait for the rename",
      );
      await gateRename.open();
      const grandchildPid = await gateGrandchild.waitForWaiter();
      await waitUntil(
        async () => renameSettled || (await backendsBlockedBy(grandchildPid)).includes(renamePid),
        "the rename to finish or wait for the grandchild",
      );
      await gateGrandchild.open();

      const results = await Promise.all([rename, grandchild]);
      expect(results.map((result) => result.status)).toEqual([200, 201]);
      const rows = await expectPathsFollowParents(api.id);
      expect(rows.map((row) => row.path)).toEqual(["/", "/pets-b", "/pets-b/{petId}", "/pets-b/{petId}/toys", "/pets-b/{petId}/toys/ball"]);
    } finally {
      await gateChild.dispose();
      await gateRename.dispose();
      await gateGrandchild.dispose();
    }
  }

  // Unforced, the same race hits only now and then, so the free-running
  // scenario is repeated.
  const rounds = 12;
  const renames = ["a", "b", "c", "d"];
  const children = ["toys", "food", "vets", "walks"];

  async function renameWhileAddingChildren() {
    const api = await createTestApi();
    const pets = await createPath(api.id, "/pets");
    const pet = await createPath(api.id, "/pets/{petId}");
    const results = await Promise.all([
      ...renames.map((name) => renameTo(api.id, pets.id, `pets-${name}`)),
      ...children.map((pathPart) => addChild(api.id, pet.id, pathPart)),
    ]);
    for (const result of results) expect([200, 201, 409]).toContain(result.status);
    const rows = await expectPathsFollowParents(api.id);
    expect(rows).toHaveLength(7);
  }

  it("keeps every path equal to its parent's path plus its part when children are added during renames", async () => {
    await addGrandchildDuringRename();
    for (let round = 0; round < rounds; round++) await renameWhileAddingChildren();
  });
});

describe("DELETE /api/v1/apis/{apiId}/resources/{resourceId}", () => {
  it("refuses to delete a resource with children unless recursive=true, then deletes the subtree", async () => {
    const api = await createTestApi();
    const pets = await createPath(api.id, "/pets");
    const pet = await createPath(api.id, "/pets/{petId}");
    await addMethod(api.id, pet.id, { httpMethod: "GET", integration: { type: "MOCK" } });
    const before = await snapshot(api.id);

    const refused = expectError(
      await call("DELETE", resourceRoute.DELETE, { params: { apiId: api.id, resourceId: pets.id } }),
      409,
      "has_children",
    );
    expect(refused.message).toContain("recursive=true");
    expect(await snapshot(api.id)).toEqual(before);

    const deleted = await call("DELETE", resourceRoute.DELETE, {
      params: { apiId: api.id, resourceId: pets.id },
      query: { recursive: "true" },
    });
    expect(deleted.status).toBe(204);
    expect((await snapshot(api.id)).map((row) => row.path)).toEqual(["/"]);
    expect(await prisma.method.count({ where: { resourceId: pet.id } })).toBe(0);
  });

  it("treats _ in a path as a character, not a wildcard, when looking for children", async () => {
    const api = await createTestApi();
    const underscored = await createPath(api.id, "/a_b");
    await createPath(api.id, "/aXb/child");
    expect((await call("DELETE", resourceRoute.DELETE, { params: { apiId: api.id, resourceId: underscored.id } })).status).toBe(204);
    expect((await snapshot(api.id)).map((row) => row.path)).toEqual(["/", "/aXb", "/aXb/child"]);
  });

  it("deletes a leaf without confirmation", async () => {
    const api = await createTestApi();
    const leaf = await createPath(api.id, "/leaf");
    expect((await call("DELETE", resourceRoute.DELETE, { params: { apiId: api.id, resourceId: leaf.id } })).status).toBe(204);
    expectError(await call("GET", resourceRoute.GET, { params: { apiId: api.id, resourceId: leaf.id } }), 404);
  });

  it("never deletes the root", async () => {
    const api = await createTestApi();
    const root = await rootOf(api.id);
    expectError(
      await call("DELETE", resourceRoute.DELETE, { params: { apiId: api.id, resourceId: root.id }, query: { recursive: "true" } }),
      409,
    );
    expect(await snapshot(api.id)).toHaveLength(1);
  });

  it("refuses a recursive flag that is not true or false", async () => {
    const api = await createTestApi();
    const leaf = await createPath(api.id, "/leaf");
    expect(
      detailPaths(
        expectError(
          await call("DELETE", resourceRoute.DELETE, { params: { apiId: api.id, resourceId: leaf.id }, query: { recursive: "yes" } }),
          422,
        ),
      ),
    ).toEqual(["recursive"]);
  });
});
