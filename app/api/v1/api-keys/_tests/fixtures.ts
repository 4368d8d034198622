import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { z } from "zod";

import { AdminClient, TEST_ADMIN_TOKEN } from "@/test/support/gateway/admin-client";
import { spawnGateway, type GatewayProcess } from "@/test/support/gateway/gateway-process";
import { call as callGateway } from "@/test/support/gateway/http";
import { IssuedApiKeyResultSchema } from "@/lib/schemas/api-key";
import { UsagePlanSchema, NodeOutcomeSchema } from "@/lib/schemas/usage-plan";
import { prisma } from "@/lib/server/db";

import { call, expectOk } from "../../_tests/call";
import * as keysRoute from "../route";
import * as plansRoute from "../../usage-plans/route";

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** An API with one deployed stage, written straight to the database (deployments are another feature's concern). */
export async function createDeployedStage(stage = "prod"): Promise<{ apiId: string; stage: string }> {
  const api = await prisma.api.create({ data: { name: uniqueId("keys-api"), resources: { create: { pathPart: "", path: "/" } } } });
  const deployment = await prisma.deployment.create({
    data: { apiId: api.id, snapshot: {}, hash: "0".repeat(64), createdBy: "test" },
  });
  await prisma.stage.create({ data: { apiId: api.id, name: stage, deploymentId: deployment.id } });
  return { apiId: api.id, stage };
}

export async function createPlan(body: Record<string, unknown>) {
  const result = await call("POST", plansRoute.POST, { body: { name: uniqueId("plan"), ...body } });
  return expectOk(result, 201, z.object({ usagePlan: UsagePlanSchema, nodes: z.array(NodeOutcomeSchema) }));
}

export async function issueKey(usagePlanIds: string[], name = uniqueId("key")) {
  const result = await call("POST", keysRoute.POST, { body: { name, usagePlanIds } });
  return expectOk(result, 201, IssuedApiKeyResultSchema);
}

export type TestNode = {
  gateway: GatewayProcess;
  admin: AdminClient;
  /** Calls `GET /<apiId>/<stage>/ping` on the node's proxy with the key. */
  ping: (apiId: string, stage: string, key: string) => Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>;
  /** Serves a keyed mock route at /ping for the stage. */
  serveStage: (apiId: string, stage: string) => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Starts a real gateway process and registers it as a node, so that the
 * console pushes consumers documents to it. Other registered nodes are left
 * out of pushes for the duration (they are leftovers of earlier test files).
 */
export async function startTestNode(): Promise<TestNode> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "portico-keys-"));
  const gateway = await spawnGateway({ dataDir });
  const admin = new AdminClient(gateway.adminUrl);
  await prisma.gatewayNode.updateMany({ where: { source: "REGISTERED" }, data: { lastSeenAt: null } });
  await prisma.gatewayNode.create({
    data: {
      name: uniqueId("node"),
      adminUrl: gateway.adminUrl,
      source: "REGISTERED",
      adminToken: TEST_ADMIN_TOKEN,
      approvedAt: new Date(),
      lastSeenAt: new Date(),
    },
  });
  return {
    gateway,
    admin,
    ping: async (apiId, stage, key) => {
      const result = await callGateway(gateway.proxyUrl, `/${apiId}/${stage}/ping`, { headers: { "x-api-key": key } });
      return { status: result.status, headers: result.headers };
    },
    serveStage: async (apiId, stage) => {
      const response = await admin.putStage(apiId, stage, {
        version: 1,
        apiId,
        stage,
        deploymentId: uniqueId("dep"),
        createdAt: new Date().toISOString(),
        api: { name: "keys test" },
        routes: [
          {
            id: "ping",
            method: "GET",
            path: "/ping",
            authorization: "API_KEY",
            integration: { type: "mock", mock: { statusCode: 200, headers: {}, body: "pong" } },
          },
        ],
      });
      if (response.status !== 200) throw new Error(`The node refused the test stage: ${JSON.stringify(response.body)}`);
    },
    stop: async () => {
      await gateway.stop();
      await prisma.gatewayNode.deleteMany({ where: { adminUrl: gateway.adminUrl } });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
