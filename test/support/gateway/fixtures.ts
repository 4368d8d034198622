import { hashApiKey } from "@/lib/contracts/hash";
import type { ConsumersInput, RouteInput, SnapshotInput } from "@/lib/contracts";

export const API_ID = "petstore";
export const STAGE = "prod";

let deploymentCounter = 0;

/** A snapshot for `petstore/prod` with the given routes. */
export function makeSnapshot(routes: RouteInput[], overrides: Partial<SnapshotInput> = {}): SnapshotInput {
  deploymentCounter += 1;
  return {
    version: 1,
    apiId: API_ID,
    stage: STAGE,
    deploymentId: `dep${deploymentCounter}`,
    createdAt: new Date().toISOString(),
    api: { name: "Pet Store" },
    routes,
    ...overrides,
  };
}

export function proxyRoute(
  id: string,
  method: RouteInput["method"],
  path: string,
  uri: string,
  extra: Partial<RouteInput> = {},
): RouteInput {
  return { id, method, path, integration: { type: "http_proxy", uri }, ...extra };
}

export function mockRoute(
  id: string,
  method: RouteInput["method"],
  path: string,
  body = `{"route":"${id}"}`,
  extra: Partial<RouteInput> = {},
): RouteInput {
  return { id, method, path, integration: { type: "mock", mock: { statusCode: 200, headers: {}, body } }, ...extra };
}

export interface TestKey {
  id: string;
  value: string;
  planIds: string[];
  enabled?: boolean;
  expiresAt?: string | null;
}

export function makeConsumers(plans: ConsumersInput["usagePlans"], keys: TestKey[]): ConsumersInput {
  return {
    version: 1,
    usagePlans: plans,
    apiKeys: keys.map((key) => ({
      id: key.id,
      hash: hashApiKey(key.value),
      prefix: key.value.slice(0, 4),
      enabled: key.enabled ?? true,
      expiresAt: key.expiresAt ?? null,
      usagePlanIds: key.planIds,
    })),
  };
}
