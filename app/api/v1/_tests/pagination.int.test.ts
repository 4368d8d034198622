import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";

import { ApiTokenListSchema, UserListSchema } from "@/lib/schemas/auth";
import { DEFAULT_PAGE_SIZE } from "@/lib/schemas/common";
import { DeploymentListSchema } from "@/lib/schemas/deployment";
import { MethodListSchema } from "@/lib/schemas/method";
import { GatewayNodeListSchema } from "@/lib/schemas/node";
import { StageListSchema } from "@/lib/schemas/stage";
import { prisma } from "@/lib/server/db";
import { createTestPrincipal, testPrincipal } from "@/test/support/principals";

import * as deploymentsRoute from "../apis/[apiId]/deployments/route";
import * as methodsRoute from "../apis/[apiId]/resources/[resourceId]/methods/route";
import * as stagesRoute from "../apis/[apiId]/stages/route";
import * as nodesRoute from "../nodes/route";
import * as tokensRoute from "../tokens/route";
import * as usersRoute from "../users/route";
import { call, expectError, expectOk } from "./call";
import { createTestApi, rootOf, uniqueName } from "./fixtures";

// Lists that say nextCursor must page for real: a walk from the first page
// to the last returns every row exactly once, in the documented order.

type Handler<P> = Parameters<typeof call<P>>[1];
type ListSchema =
  | typeof DeploymentListSchema
  | typeof StageListSchema
  | typeof MethodListSchema
  | typeof GatewayNodeListSchema
  | typeof UserListSchema
  | typeof ApiTokenListSchema;

async function walk<P, S extends ListSchema>(
  handler: Handler<P>,
  schema: S,
  options: { params?: P; query?: Record<string, string>; limit: number },
): Promise<{ pages: z.output<S>["items"][]; items: z.output<S>["items"] }> {
  const pages: z.output<S>["items"][] = [];
  let cursor: string | null = null;
  do {
    const query: Record<string, string> = { ...options.query, limit: String(options.limit), ...(cursor === null ? {} : { cursor }) };
    const page = expectOk(await call("GET", handler, { params: options.params, query }), 200, schema) as z.output<S>;
    expect(page.items.length).toBeLessThanOrEqual(options.limit);
    pages.push(page.items);
    cursor = page.nextCursor;
    expect(pages.length).toBeLessThan(100);
  } while (cursor !== null);
  return { pages, items: pages.flat() as z.output<S>["items"] };
}

const mock = { type: "MOCK", mockResponse: { statusCode: 200, headers: {}, body: "{}" } };
const VERBS = ["ANY", "DELETE", "GET", "PUT", "POST"];
const STAGES = ["s5", "s1", "s4", "s2", "s3"];

let apiId: string;
let resourceId: string;
const nodeNames = Array.from({ length: DEFAULT_PAGE_SIZE + 1 }, (_, index) => `${uniqueName("page-node")}-${index}`);

beforeAll(async () => {
  const api = await createTestApi();
  apiId = api.id;
  resourceId = (await rootOf(apiId)).id;
  for (const httpMethod of VERBS) {
    expect((await call("POST", methodsRoute.POST, { params: { apiId, resourceId }, body: { httpMethod, integration: mock } })).status).toBe(
      201,
    );
  }
  // One deployment per stage: five deployments (some in the same millisecond) and five stages.
  for (const stageName of STAGES) {
    const result = await call("POST", deploymentsRoute.POST, { params: { apiId }, body: { stageName } });
    expect(result.status, JSON.stringify(result.body)).toBe(201);
  }
  await prisma.gatewayNode.createMany({
    data: nodeNames.map((name, index) => ({
      name,
      adminUrl: `http://${name}.invalid:${8000 + index}`,
      source: "REGISTERED" as const,
      adminToken: `own-token-of-${name}-0123456789abcdef`,
    })),
  });
});

afterAll(async () => {
  await prisma.gatewayNode.deleteMany({ where: { name: { in: nodeNames } } });
});

describe("cursor pagination", () => {
  it("deployments: newest first, page 2 exists, every deployment exactly once", async () => {
    const { pages, items } = await walk(deploymentsRoute.GET, DeploymentListSchema, { params: { apiId }, limit: 2 });
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    const stored = await prisma.deployment.findMany({ where: { apiId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(items.map((deployment) => deployment.id)).toEqual(stored.map((deployment) => deployment.id));
  });

  it("stages: by name, page 2 exists, every stage exactly once", async () => {
    const { pages, items } = await walk(stagesRoute.GET, StageListSchema, { params: { apiId }, limit: 2 });
    expect(pages.length).toBe(3);
    expect(items.map((stage) => stage.name)).toEqual(["s1", "s2", "s3", "s4", "s5"]);
  });

  it("methods: in verb order, page 2 exists, every method exactly once", async () => {
    const { pages, items } = await walk(methodsRoute.GET, MethodListSchema, { params: { apiId, resourceId }, limit: 2 });
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(items.map((method) => method.httpMethod)).toEqual(["GET", "POST", "PUT", "DELETE", "ANY"]);
  });

  it("nodes: 50 a page by default, and a walk returns every node exactly once", async () => {
    const first = expectOk(await call("GET", nodesRoute.GET, { query: { probe: "false" } }), 200, GatewayNodeListSchema);
    expect(first.items).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();

    const { pages, items } = await walk(nodesRoute.GET, GatewayNodeListSchema, { query: { probe: "false" }, limit: 7 });
    expect(pages.length).toBeGreaterThan(1);
    const names = items.map((node) => node.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(nodeNames));
    const registered = await prisma.gatewayNode.count({ where: { source: "REGISTERED" } });
    expect(names.length).toBeGreaterThanOrEqual(registered);
  });

  it("users: by email address, page 2 exists, every user exactly once", async () => {
    for (let index = 0; index < 3; index++) await createTestPrincipal("viewer", "paged");
    const { pages, items } = await walk(usersRoute.GET, UserListSchema, { limit: 2 });
    expect(pages.length).toBeGreaterThan(1);
    const stored = await prisma.user.findMany({ orderBy: { emailKey: "asc" }, select: { id: true } });
    expect(items.map((user) => user.id)).toEqual(stored.map((user) => user.id));
  });

  it("tokens: the caller's own, newest first, page 2 exists, every token exactly once", async () => {
    for (let index = 0; index < 3; index++) {
      expect((await call("POST", tokensRoute.POST, { body: { name: `paged-${index}`, expiresInDays: 1 } })).status).toBe(201);
    }
    const { pages, items } = await walk(tokensRoute.GET, ApiTokenListSchema, { limit: 2 });
    expect(pages.length).toBeGreaterThan(1);
    const { userId } = await testPrincipal("admin");
    const stored = await prisma.apiToken.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(items.map((token) => token.id)).toEqual(stored.map((token) => token.id));
  });

  it("refuses a cursor it did not issue and a limit outside 1 to 200 with 422 naming the parameter", async () => {
    const routes = [
      { handler: deploymentsRoute.GET, params: { apiId }, extra: {} },
      { handler: stagesRoute.GET, params: { apiId }, extra: {} },
      { handler: methodsRoute.GET, params: { apiId, resourceId }, extra: {} },
      { handler: nodesRoute.GET, params: {}, extra: { probe: "false" } },
      { handler: usersRoute.GET, params: {}, extra: {} },
      { handler: tokensRoute.GET, params: {}, extra: {} },
    ] as const;
    for (const { handler, params, extra } of routes) {
      for (const [query, path] of [
        [{ cursor: "bm90LW91cnM" }, "cursor"],
        [{ limit: "0" }, "limit"],
        [{ limit: "201" }, "limit"],
      ] as const) {
        const error = expectError(await call("GET", handler as Handler<typeof params>, { params, query: { ...query, ...extra } }), 422);
        expect(error.details?.map((detail) => detail.path)).toContain(path);
      }
    }
  });
});
