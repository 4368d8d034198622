import { randomUUID } from "node:crypto";

import { z } from "zod";

import { ApiSchema } from "@/lib/schemas/api";
import { ResourcePageSchema, ResourceSummarySchema } from "@/lib/schemas/resource";

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
