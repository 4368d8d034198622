import "server-only";

import { z } from "zod";

import { SNAPSHOT_VERSION, type Snapshot } from "@/lib/contracts";
import { compileDefinition, UnservableDefinitionError } from "@/lib/deploy/compile-snapshot";
import { badRequest, notFound } from "@/lib/errors/api-error";
import type { MethodTestInvokeBody, MethodTestInvokeResult } from "@/lib/schemas/method-test-invoke";
import { prisma, type Db } from "@/lib/server/db";
import { loadApiDefinitionSource } from "@/lib/server/deployments/load-api-definition";
import { listPushTargets } from "@/lib/server/nodes/list-push-targets";
import { findStageOrThrow } from "@/lib/server/stages/stage-row";

const TIMEOUT_MS = 35_000;

const nodeAnswerSchema = z.object({
  response: z.object({
    status: z.number(),
    headers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    body: z.string(),
    base64: z.boolean(),
  }),
  steps: z.array(z.object({ step: z.string(), atMs: z.number(), detail: z.record(z.string(), z.unknown()) })),
  latencyMs: z.number(),
});

/**
 * API Gateway's test invoke: one request through a method as it is saved
 * now, deployed nowhere. Authorization is skipped, as AWS's test invoke does;
 * stage variables come from the named stage or the request. A gateway node
 * runs it and reports what the integration sent and received.
 */
export async function testInvokeMethod(
  { apiId, resourceId, httpMethod, input }: { apiId: string; resourceId: string; httpMethod: string; input: MethodTestInvokeBody },
  db: Db = prisma,
): Promise<MethodTestInvokeResult> {
  const resource = await db.resource.findFirst({ where: { id: resourceId, apiId }, select: { path: true } });
  if (!resource) throw notFound(`The API ${apiId} has no resource with the id ${resourceId}`);
  const source = await loadApiDefinitionSource({ apiId }, db);
  const method = source.methods.find((candidate) => candidate.path === resource.path && candidate.httpMethod === httpMethod);
  if (!method) throw notFound(`${resource.path} has no ${httpMethod} method; create it first`);
  let definition;
  try {
    definition = compileDefinition({ ...source, methods: [method] });
  } catch (error) {
    if (error instanceof UnservableDefinitionError)
      throw badRequest(`The method cannot be served yet: ${error.methods[0]?.reason ?? error.message}`);
    throw error;
  }
  const stageVariables =
    input.stageName !== undefined
      ? z
          .record(z.string(), z.string())
          .catch({})
          .parse((await findStageOrThrow({ apiId, stageName: input.stageName }, db)).variables)
      : input.stageVariables;
  const routes = definition.routes.map((route) => ({ ...route, authorization: "NONE" as const, apiKeyRequired: false }));
  const snapshot: Omit<Snapshot, "hash"> = {
    version: SNAPSHOT_VERSION,
    apiId,
    stage: "test-invoke",
    deploymentId: "test-invoke",
    createdAt: new Date().toISOString(),
    api: definition.api,
    routes,
    stageVariables,
  };
  const [node] = await listPushTargets(db);
  if (!node) throw badRequest("No gateway node is connected: start one (npm start runs one) or register it, then test again");
  const question = input.path.indexOf("?");
  const request = {
    method: httpMethod === "ANY" ? input.method : httpMethod,
    path: question === -1 ? input.path : input.path.slice(0, question),
    query: question === -1 ? "" : input.path.slice(question + 1),
    headers: input.headers,
    body: input.body ?? "",
  };
  let response: Response;
  try {
    response = await fetch(`${node.adminUrl.replace(/\/+$/, "")}/v1/test-invoke`, {
      method: "POST",
      headers: { authorization: `Bearer ${node.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ snapshot, request }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw badRequest(`The gateway node ${node.name} did not answer the test (${(error as Error).name}); check that it is running`);
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (answer as { error?: { message?: string; details?: unknown } } | null)?.error;
    const details = Array.isArray(message?.details)
      ? (message.details as { message?: string; path?: unknown }[]).map((issue) => issue.message ?? JSON.stringify(issue)).join("; ")
      : "";
    throw badRequest(
      `The gateway node ${node.name} refused the test: ${message?.message ?? `status ${response.status}`}${details ? ` ${details}` : ""}`,
    );
  }
  const parsed = nodeAnswerSchema.parse(answer);
  return { node: node.name, ...parsed };
}
