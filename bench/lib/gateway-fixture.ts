import { createHash } from "node:crypto";
import type { ConsumersInput, RouteInput, SnapshotInput } from "@/lib/contracts";

export const BENCH_API_ID = "benchapi";
export const BENCH_STAGE = "prod";
export const BENCH_API_KEY = "bench-key-0123456789abcdefghijklmnopqrstuvwxyz";
export const BENCH_ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";

/**
 * A realistic route table: groups of four shapes per service (collection,
 * item, sub-resource, write), literal segments and parameters mixed, as a
 * router sees in a large API. Every route requires an API key.
 */
export function benchRoutes(count: number, upstreamOrigin: string, variant = ""): RouteInput[] {
  const routes: RouteInput[] = [];
  for (let i = 0; routes.length < count; i++) {
    const service = `svc${i}${variant}`;
    const shapes: [RouteInput["method"], string][] = [
      ["GET", `/${service}/items`],
      ["GET", `/${service}/items/{id}`],
      ["GET", `/${service}/items/{id}/parts/{partId}`],
      ["POST", `/${service}/items`],
    ];
    for (const [method, path] of shapes) {
      if (routes.length === count) break;
      routes.push({
        id: `r${routes.length}`,
        method,
        path,
        authorization: "API_KEY",
        integration: { type: "http_proxy", uri: `${upstreamOrigin}${path}` },
      });
    }
  }
  return routes;
}

/** The route the benchmarks call: present in every table of 1,000 routes or more, in every variant. */
export const HOT_ROUTE_PATH = "/svc125/items/42";

export interface BenchSnapshotOptions {
  routes: number;
  upstreamOrigin: string;
  deploymentId: string;
  /** Renames every service (`svc12a`): a route table sharing no path with another variant's, but the hot route. */
  variant?: string;
  /**
   * A redeploy: `changedRoutes` routes (a different set each revision) get
   * `?rev=<revision>` on their integration URI, and the last of the table
   * is replaced by a route with a path of this revision (an endpoint added,
   * another removed), so the route tree of its method is built again.
   */
  revision?: number;
  changedRoutes?: number;
}

export function benchSnapshot(options: BenchSnapshotOptions): SnapshotInput {
  const routes = benchRoutes(options.routes, options.upstreamOrigin, options.variant);
  const changed = Math.min(options.changedRoutes ?? 0, routes.length - 1);
  if (options.revision !== undefined && changed > 0) {
    for (let i = 0; i < changed; i++) {
      // Never route 0: the hot route stays as it is.
      const index = 1 + ((options.revision * changed + i) % (routes.length - 1));
      const route = routes[index];
      if (route.integration.type === "mock") continue;
      routes[index] = { ...route, integration: { ...route.integration, uri: `${route.integration.uri}?rev=${options.revision}` } };
    }
    const last = routes.length - 1;
    const path = `/added/rev${options.revision}/{id}`;
    routes[last] = {
      id: `r${last}`,
      method: "GET",
      path,
      authorization: "API_KEY",
      integration: { type: "http_proxy", uri: `${options.upstreamOrigin}${path}` },
    };
  }
  // Keep the hot route in every variant, so traffic keeps flowing across swaps.
  if (options.variant) {
    routes[0] = {
      id: "hot",
      method: "GET",
      path: "/svc125/items/{id}",
      authorization: "API_KEY",
      integration: { type: "http_proxy", uri: `${options.upstreamOrigin}/svc125/items/{id}` },
    };
  }
  return {
    version: 1,
    apiId: BENCH_API_ID,
    stage: BENCH_STAGE,
    deploymentId: options.deploymentId,
    createdAt: new Date().toISOString(),
    api: { name: "Benchmark API" },
    routes,
  };
}

/** One key in one usage plan whose throttle is high enough never to refuse during a benchmark. */
export function benchConsumers(): ConsumersInput {
  return {
    version: 1,
    usagePlans: [
      {
        id: "benchplan",
        name: "Benchmark plan",
        throttle: { rateLimit: 1_000_000, burstLimit: 1_000_000 },
        apiStages: [{ apiId: BENCH_API_ID, stage: BENCH_STAGE }],
      },
    ],
    apiKeys: [
      {
        id: "benchkey",
        hash: createHash("sha256").update(BENCH_API_KEY).digest("hex"),
        prefix: BENCH_API_KEY.slice(0, 8),
        usagePlanIds: ["benchplan"],
      },
    ],
  };
}

/** PUTs a document to the gateway's admin API; returns the elapsed milliseconds. */
export async function adminPut(adminUrl: string, path: string, document: unknown): Promise<number> {
  const body = JSON.stringify(document);
  const started = performance.now();
  const response = await fetch(new URL(path, adminUrl), {
    method: "PUT",
    headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}`, "content-type": "application/json" },
    body,
  });
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`PUT ${path} answered ${response.status}: ${text.slice(0, 2000)}`);
  return elapsed;
}

/** The gateway's event-loop window (`POST /v1/event-loop/window`): the longest block since the previous call. */
export async function eventLoopWindow(adminUrl: string): Promise<{ maxBlockMs: number; maxBlockCpuMs: number; windowMs: number }> {
  const response = await fetch(new URL("/v1/event-loop/window", adminUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST /v1/event-loop/window answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as { maxBlockMs: number; maxBlockCpuMs: number; windowMs: number };
}
