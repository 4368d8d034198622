import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { ErrorResponseSchema } from "@/lib/schemas/common";
import { prisma } from "@/lib/server/db";
import { createSession } from "@/lib/server/auth/sessions";
import { createTestPrincipal } from "@/test/support/principals";

import { call } from "./call";

// One wrapper decides every permission. This walks every route file under
// app/api/v1 and every method it exports, and checks the rule from outside:
// anonymous callers get 401 and viewers get 403 on changes, apart from the
// routes listed here on purpose.

const root = fileURLToPath(new URL("../", import.meta.url));
const VERBS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Reachable without signing in ("METHOD /path" with Next.js's [param] segments). */
const PUBLIC = new Set([
  "GET /health",
  "GET /auth/config",
  "POST /auth/sign-in",
  "POST /auth/sign-out",
  "POST /setup",
  "GET /invitations",
  "POST /invitations/accept",
  "GET /openapi.json",
  "POST /gateway/register",
  "POST /gateway/heartbeat",
  "GET /gateway/state",
  "GET /auth/oidc/start",
  "GET /auth/oidc/callback",
  "POST /portal/sign-up",
  "POST /portal/sign-in",
  "POST /portal/sign-out",
  "POST /portal/verify",
]);

/** Changes any signed-in user may make, whatever their role: their own password and tokens. */
const SIGNED_IN_WRITES = new Set(["POST /auth/password", "POST /tokens", "DELETE /tokens/[tokenId]"]);

/** Admins only, reads included (and the portal's listings and settings, changes only). */
const ADMIN_ONLY = (route: string) =>
  / \/users(\/|$)/.test(route) ||
  / \/portal\/(requests|consumers|invitations)(\/|$)/.test(route) ||
  /^(POST|PATCH|DELETE) \/portal\/(listings|settings)(\/|$)/.test(route);

/** Developer portal consumers only: a console user or token is no consumer, so it is not signed in there (401). */
const CONSUMER_ONLY = (route: string) => / \/portal\/(me|catalog|subscriptions|api-keys|usage|try-it)(\/|$)/.test(route);

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

async function routes(): Promise<{ route: string; handler: Handler }[]> {
  const found: { route: string; handler: Handler }[] = [];
  for (const file of routeFiles(root)) {
    const urlPath = `/${path.relative(root, path.dirname(file)).split(path.sep).join("/")}`;
    if (urlPath.includes("[...")) continue; // the catch-all 404 answers for paths that do not exist
    const routeModule = (await import(file)) as Partial<Record<(typeof VERBS)[number], Handler>>;
    for (const verb of VERBS) {
      const handler = routeModule[verb];
      if (handler) found.push({ route: `${verb} ${urlPath}`, handler });
    }
  }
  return found;
}

const params = {
  apiId: "x",
  resourceId: "x",
  httpMethod: "GET",
  modelId: "x",
  stageName: "dev",
  deploymentId: "x",
  usagePlanId: "x",
  apiKeyId: "x",
  tokenId: "x",
  userId: "x",
};

describe("every /api/v1 route", () => {
  it("answers anonymous callers 401 unauthenticated, except the public list", async () => {
    const all = await routes();
    expect(all.length).toBeGreaterThan(40);
    for (const { route, handler } of all) {
      if (PUBLIC.has(route)) continue;
      const method = route.split(" ")[0];
      const result = await call(method, handler, { as: "anonymous", params, ...(method === "GET" ? {} : { body: {} }) });
      expect(result.status, route).toBe(401);
      expect((result.body as { error: { code: string } }).error.code, route).toBe("unauthenticated");
    }
  });

  it("answers a viewer's changes 403 forbidden, except their own password and tokens, and the portal's consumer routes 401", async () => {
    for (const { route, handler } of await routes()) {
      const method = route.split(" ")[0];
      if (PUBLIC.has(route) || SIGNED_IN_WRITES.has(route) || (method === "GET" && !ADMIN_ONLY(route) && !CONSUMER_ONLY(route))) continue;
      const result = await call(method, handler, { as: "viewer", params, ...(method === "GET" ? {} : { body: {} }) });
      const expected = CONSUMER_ONLY(route) ? { status: 401, code: "unauthenticated" } : { status: 403, code: "forbidden" };
      expect(result.status, route).toBe(expected.status);
      expect((result.body as { error: { code: string } }).error.code, route).toBe(expected.code);
    }
  });

  it("answers a developer 403 on the admin-only routes (users, the portal's queue, consumers and invitations, listing and settings changes)", async () => {
    for (const { route, handler } of await routes()) {
      if (!ADMIN_ONLY(route)) continue;
      const method = route.split(" ")[0];
      const result = await call(method, handler, { as: "developer", params, ...(method === "GET" ? {} : { body: {} }) });
      expect(result.status, route).toBe(403);
    }
  });

  it("lets a viewer read (the list of APIs answers 200)", async () => {
    const { GET } = await import("../apis/route");
    expect((await call("GET", GET, { as: "viewer" })).status).toBe(200);
  });
});

describe("unknown /api/v1 paths", () => {
  it("answer every method with a JSON 404 in the one error shape, signed in or not", async () => {
    const catchAll = await import("../[...path]/route");
    const handlers = {
      GET: catchAll.GET,
      POST: catchAll.POST,
      PUT: catchAll.PUT,
      PATCH: catchAll.PATCH,
      DELETE: catchAll.DELETE,
      OPTIONS: catchAll.OPTIONS,
    };
    for (const [method, handler] of Object.entries(handlers)) {
      for (const as of ["anonymous", "viewer"] as const) {
        const result = await call(method, handler, { as, params: { path: ["no", "such"] } });
        expect(result.status, `${method} as ${as}`).toBe(404);
        expect(result.headers.get("content-type")).toMatch(/^application\/json/);
        const { error } = ErrorResponseSchema.parse(result.body);
        expect(error.code).toBe("not_found");
        expect(error.message).toContain(`${method} /api/v1/test`);
      }
    }
  });
});

describe("cross-site requests", () => {
  async function browserOf(role: "admin" | "developer") {
    const principal = await createTestPrincipal(role, "browser");
    const { cookie } = await createSession({ userId: principal.userId, client: { ip: "127.0.0.1", userAgent: "test" } });
    return { cookie: `portico_session=${cookie}` };
  }

  it("a text/plain form post from another site to the import endpoints creates nothing", async () => {
    const { cookie } = await browserOf("admin");
    const importApi = await import("../apis/import/route");
    const importKeys = await import("../api-keys/import/route");
    const [apis, keys] = [await prisma.api.count(), await prisma.apiKey.count()];
    const document = '{"openapi": "3.0.3", "info": {"title": "planted", "version": "1"}, "paths": {}}';
    for (const handler of [importApi.POST, importKeys.POST]) {
      const result = await call("POST", handler, {
        as: "anonymous",
        rawBody: document,
        contentType: "text/plain",
        headers: { cookie, origin: "https://attacker.example", "sec-fetch-site": "cross-site" },
      });
      expect([403, 415]).toContain(result.status);
    }
    expect(await prisma.api.count()).toBe(apis);
    expect(await prisma.apiKey.count()).toBe(keys);
  });

  it("a cookie-authenticated JSON change from another origin, or with no origin at all, is refused with 403", async () => {
    const { cookie } = await browserOf("developer");
    const { POST } = await import("../apis/route");
    const attempts: Record<string, string>[] = [
      { cookie, origin: "https://attacker.example" },
      { cookie },
      { cookie, "sec-fetch-site": "cross-site" },
    ];
    for (const headers of attempts) {
      const result = await call("POST", POST, { as: "anonymous", body: { name: "cross-site" }, headers });
      expect(result.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await prisma.api.count({ where: { name: "cross-site" } })).toBe(0);
  });

  it("the same change from the console's own origin goes through", async () => {
    const { cookie } = await browserOf("developer");
    const { POST } = await import("../apis/route");
    const result = await call("POST", POST, {
      as: "anonymous",
      body: { name: `same-origin-${Date.now()}` },
      headers: { cookie, origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" },
    });
    expect(result.status).toBe(201);
  });
});

describe("protected stages", () => {
  it("only an admin may deploy to, promote into, roll back, change or unprotect a protected stage", async () => {
    const { createTestApi, rootOf } = await import("./fixtures");
    const methods = await import("../apis/[apiId]/resources/[resourceId]/methods/route");
    const deployments = await import("../apis/[apiId]/deployments/route");
    const stage = await import("../apis/[apiId]/stages/[stageName]/route");
    const promote = await import("../apis/[apiId]/stages/[stageName]/promote/route");
    const rollback = await import("../apis/[apiId]/stages/[stageName]/rollback/route");
    const api = await createTestApi();
    const root = await rootOf(api.id);
    const mock = { type: "MOCK", mockResponse: { statusCode: 200, headers: {}, body: "{}" } };
    expect(
      (await call("POST", methods.POST, { params: { apiId: api.id, resourceId: root.id }, body: { httpMethod: "GET", integration: mock } }))
        .status,
    ).toBe(201);
    const first = await call("POST", deployments.POST, { params: { apiId: api.id }, body: { stageName: "prod" } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const firstId = (first.body as { deployment: { id: string } }).deployment.id;
    expect((await call("POST", deployments.POST, { params: { apiId: api.id }, body: { stageName: "dev" } })).status).toBe(201);

    const stageParams = { apiId: api.id, stageName: "prod" };
    expect((await call("PATCH", stage.PATCH, { as: "developer", params: stageParams, body: { protected: true } })).status).toBe(403);
    const marked = await call("PATCH", stage.PATCH, { params: stageParams, body: { protected: true } });
    expect((marked.body as { stage: { protected: boolean } }).stage.protected).toBe(true);

    const refusals = [
      await call("POST", deployments.POST, { as: "developer", params: { apiId: api.id }, body: { stageName: "prod" } }),
      await call("POST", promote.POST, { as: "developer", params: { apiId: api.id, stageName: "dev" }, body: { to: "prod" } }),
      await call("POST", rollback.POST, { as: "developer", params: stageParams, body: { deploymentId: firstId } }),
      await call("PATCH", stage.PATCH, { as: "developer", params: stageParams, body: { variables: { a: "b" } } }),
      await call("PATCH", stage.PATCH, { as: "developer", params: stageParams, body: { protected: false } }),
    ];
    for (const refused of refusals) {
      expect(refused.status, JSON.stringify(refused.body)).toBe(403);
      expect((refused.body as { error: { message: string } }).error.message).toMatch(/admin/);
    }
    // Unprotected stages stay a developer's to deploy.
    expect((await call("POST", deployments.POST, { as: "developer", params: { apiId: api.id }, body: { stageName: "dev" } })).status).toBe(
      201,
    );
    expect((await call("POST", promote.POST, { params: { apiId: api.id, stageName: "dev" }, body: { to: "prod" } })).status).toBe(200);
    const events = await prisma.auditEvent.findMany({ where: { apiId: api.id, action: "stage.update" } });
    expect(events.map((event) => event.details)).toContainEqual(
      expect.objectContaining({ changes: { protected: { before: false, after: true } } }),
    );
  });
});
