import { randomUUID } from "node:crypto";

import { z } from "zod";

import { ApiSchema } from "@/lib/schemas/api";
import { ResourcePageSchema, ResourceSummarySchema } from "@/lib/schemas/resource";
import { prisma } from "@/lib/server/db";

import * as apisRoute from "../apis/route";
import * as resourcesRoute from "../apis/[apiId]/resources/route";
import { call, expectOk } from "./call";

export function uniqueName(prefix = "test"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function createTestApi(name = uniqueName("api")) {
  const result = await call("POST", apisRoute.POST, { body: { name } });
  return expectOk(result, 201, z.object({ api: ApiSchema })).api;
}

export async function listTree(apiId: string) {
  const result = await call("GET", resourcesRoute.GET, { params: { apiId } });
  return expectOk(result, 200, ResourcePageSchema);
}

export async function rootOf(apiId: string) {
  const tree = await listTree(apiId);
  const root = tree.items.find((resource) => resource.path === "/");
  if (!root) throw new Error(`API ${apiId} has no root resource`);
  return root;
}

export async function createTestResource(apiId: string, parentId: string, pathPart: string) {
  const result = await call("POST", resourcesRoute.POST, { params: { apiId }, body: { parentId, pathPart } });
  return expectOk(result, 201, z.object({ resource: ResourceSummarySchema })).resource;
}

/** Creates resources along a path ("/pets/{petId}") and returns the last one. */
export async function createPath(apiId: string, path: string) {
  let parent = await rootOf(apiId);
  const tree = await listTree(apiId);
  for (const part of path.split("/").filter(Boolean)) {
    const existing = tree.items.find((resource) => resource.parentId === parent.id && resource.pathPart === part);
    parent = existing ?? (await createTestResource(apiId, parent.id, part));
  }
  return parent;
}

/**
 * Makes the database refuse writes to `table` whose new row matches `condition`
 * (SQL over NEW) while `work` runs, so tests can fail a multi-row change
 * half-way, after its first writes, and check that none of it remains.
 */
export async function withFailingWrites<T>(table: "Resource" | "Integration", condition: string, work: () => Promise<T>): Promise<T> {
  const name = `test_refuse_${table.toLowerCase()}`;
  await prisma.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF ${condition} THEN
        RAISE EXCEPTION 'refused by test trigger' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END;
    $$`);
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER "${name}" BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${name}"()`,
  );
  try {
    return await work();
  } finally {
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${name}" ON "${table}"`);
    await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS "${name}"()`);
  }
}
