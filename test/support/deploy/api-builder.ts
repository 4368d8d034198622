import { z } from "zod";

import { createPath, createTestApi } from "@/app/api/v1/_tests/fixtures";
import { call, expectOk } from "@/app/api/v1/_tests/call";
import * as deploymentsRoute from "@/app/api/v1/apis/[apiId]/deployments/route";
import * as methodsRoute from "@/app/api/v1/apis/[apiId]/resources/[resourceId]/methods/route";
import { DeploymentResultSchema } from "@/lib/schemas/deployment";
import { MethodSchema, type CreateMethodBody } from "@/lib/schemas/method";

/** Test helpers that build an API through the console's own route handlers. */

export async function addMethod(apiId: string, path: string, body: z.input<typeof import("@/lib/schemas/method").createMethodBodySchema>) {
  const resource = await createPath(apiId, path);
  const result = await call("POST", methodsRoute.POST, { params: { apiId, resourceId: resource.id }, body });
  return expectOk(result, 201, z.object({ method: MethodSchema })).method;
}

export function proxyTo(uri: string): CreateMethodBody["integration"] {
  return { type: "HTTP_PROXY", uri, timeoutMs: 5_000 };
}

export function mock(body: string, statusCode = 200): CreateMethodBody["integration"] {
  return { type: "MOCK", mockResponse: { statusCode, headers: { "content-type": "application/json" }, body } };
}

export async function deploy(apiId: string, body: Record<string, unknown>) {
  const result = await call("POST", deploymentsRoute.POST, { params: { apiId }, body });
  return expectOk(result, 201, DeploymentResultSchema);
}

export { createTestApi };
