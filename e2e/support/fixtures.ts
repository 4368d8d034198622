import { randomBytes } from "node:crypto";
import { expect, test as base, type APIRequestContext } from "@playwright/test";

import { adminToken } from "./auth";

// Specs seed their data through the console's JSON API (fast, and independent
// of the screens under test) and check the outcome of clicks the same way.

export type ResourceSummary = { id: string; parentId: string | null; pathPart: string; path: string; methods: string[] };

export class ConsoleApi {
  constructor(private readonly request: APIRequestContext) {}

  private async json<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<T> {
    if (!response.ok()) throw new Error(`${what} failed: ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async createApi(name: string, description = ""): Promise<{ id: string; name: string }> {
    const response = await this.request.post("/api/v1/apis", { data: { name, description } });
    return (await this.json<{ api: { id: string; name: string } }>(response, "Creating an API")).api;
  }

  async findApis(q: string): Promise<Array<{ id: string; name: string }>> {
    const response = await this.request.get(`/api/v1/apis?q=${encodeURIComponent(q)}`);
    return (await this.json<{ items: Array<{ id: string; name: string }> }>(response, "Listing APIs")).items;
  }

  async apiStatus(apiId: string): Promise<number> {
    return (await this.request.get(`/api/v1/apis/${apiId}`)).status();
  }

  async resources(apiId: string): Promise<ResourceSummary[]> {
    const response = await this.request.get(`/api/v1/apis/${apiId}/resources`);
    return (await this.json<{ items: ResourceSummary[] }>(response, "Listing resources")).items;
  }

  async resourceByPath(apiId: string, path: string): Promise<ResourceSummary | undefined> {
    return (await this.resources(apiId)).find((resource) => resource.path === path);
  }

  async resource(apiId: string, resourceId: string): Promise<{ methods: Array<Record<string, unknown>> } & ResourceSummary> {
    const response = await this.request.get(`/api/v1/apis/${apiId}/resources/${resourceId}`);
    return (await this.json<{ resource: { methods: Array<Record<string, unknown>> } & ResourceSummary }>(response, "Reading a resource"))
      .resource;
  }

  async createResource(apiId: string, parentId: string, pathPart: string): Promise<ResourceSummary> {
    const response = await this.request.post(`/api/v1/apis/${apiId}/resources`, { data: { parentId, pathPart } });
    return (await this.json<{ resource: ResourceSummary }>(response, "Creating a resource")).resource;
  }

  async createMethod(apiId: string, resourceId: string, body: Record<string, unknown>): Promise<void> {
    const response = await this.request.post(`/api/v1/apis/${apiId}/resources/${resourceId}/methods`, { data: body });
    await this.json(response, "Creating a method");
  }

  /** Creates /pets, /pets/{petId} and /pets/{petId}/photos with a few methods; returns the resources by path. */
  async seedPetTree(apiId: string): Promise<Record<string, ResourceSummary>> {
    const root = await this.resourceByPath(apiId, "/");
    if (!root) throw new Error("A new API should have a root resource");
    const pets = await this.createResource(apiId, root.id, "pets");
    const pet = await this.createResource(apiId, pets.id, "{petId}");
    const photos = await this.createResource(apiId, pet.id, "photos");
    const mock = { type: "MOCK", mockResponse: { statusCode: 200, headers: {}, body: "[]" } };
    await this.createMethod(apiId, pets.id, { httpMethod: "GET", integration: mock });
    await this.createMethod(apiId, pet.id, { httpMethod: "GET", integration: mock });
    await this.createMethod(apiId, photos.id, { httpMethod: "POST", integration: mock });
    return { "/": root, "/pets": pets, "/pets/{petId}": pet, "/pets/{petId}/photos": photos };
  }
}

/**
 * The gateway node the console pushes to: started by support/serve.ts, or
 * the node of a console given by PORTICO_E2E_BASE_URL (playwright.config.ts
 * sets both URLs). Every spec shares it; each seeds APIs and keys of its own,
 * so what one spec deploys never answers another's calls.
 */
export class GatewayNode {
  readonly proxyUrl: string;
  readonly adminUrl: string;

  constructor() {
    const proxyUrl = process.env.PORTICO_E2E_GATEWAY_URL;
    const adminUrl = process.env.PORTICO_E2E_GATEWAY_ADMIN_URL;
    if (!proxyUrl || !adminUrl) {
      throw new Error(
        "No gateway node for the end-to-end tests: run them through playwright.config.ts, or set PORTICO_E2E_GATEWAY_URL and PORTICO_E2E_GATEWAY_ADMIN_URL.",
      );
    }
    this.proxyUrl = proxyUrl.replace(/\/+$/, "");
    this.adminUrl = adminUrl.replace(/\/+$/, "");
  }

  /** Calls a deployed route, <proxy>/<apiId>/<stage>/<path>, and reads the whole answer. */
  async invoke(
    apiId: string,
    stage: string,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: string }> {
    const response = await fetch(`${this.proxyUrl}/${apiId}/${stage}/${path.replace(/^\/+/, "")}`, { headers });
    return { status: response.status, body: await response.text() };
  }
}

/** Names that cannot collide with other runs or other specs. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

export const test = base.extend<{ consoleApi: ConsoleApi }, { gateway: GatewayNode }>({
  // API calls of the specs authenticate as scripts do: the first admin's API token.
  request: async ({ playwright, baseURL }, use) => {
    const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${adminToken()}` } });
    await use(context);
    await context.dispose();
  },
  consoleApi: async ({ request }, use) => {
    await use(new ConsoleApi(request));
  },
  gateway: [
    async ({}, use) => {
      await use(new GatewayNode());
    },
    { scope: "worker" },
  ],
});

export { expect };
