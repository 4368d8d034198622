import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { call, expectError, expectOk } from "@/app/api/v1/_tests/call";
import * as nodesRoute from "@/app/api/v1/nodes/route";
import * as heartbeatRoute from "@/app/api/v1/gateway/heartbeat/route";
import * as registerRoute from "@/app/api/v1/gateway/register/route";
import * as stateRoute from "@/app/api/v1/gateway/state/route";
import { AdminClient, TEST_ADMIN_TOKEN } from "@/test/support/gateway/admin-client";
import { spawnGateway, type GatewayProcess } from "@/test/support/gateway/gateway-process";
import { env } from "@/lib/env";
import { GatewayNodeListSchema } from "@/lib/schemas/node";
import { prisma } from "@/lib/server/db";
import { addMethod, createTestApi, deploy, mock } from "@/test/support/deploy/api-builder";
import { startConsoleServer } from "@/test/support/deploy/console-server";
import { NODE_WAIT_MS } from "@/test/support/deploy/gateway-fleet";
import { waitFor } from "@/test/support/wait-for";

const REGISTRATION_TOKEN = "test-registration-token-0123456789";
let consoleServer: Awaited<ReturnType<typeof startConsoleServer>>;
let dataDir: string;
const nodeName = `node-${Math.random().toString(36).slice(2, 8)}`;
const running: GatewayProcess[] = [];

function startRegisteredNode(): Promise<GatewayProcess> {
  return spawnGateway({
    dataDir,
    env: { CONTROL_PLANE_URL: consoleServer.url, GATEWAY_NODE_NAME: nodeName, GATEWAY_REGISTRATION_TOKEN: REGISTRATION_TOKEN },
  }).then((node) => {
    running.push(node);
    return node;
  });
}

async function servedHash(node: GatewayProcess, apiId: string, stage: string): Promise<string | null> {
  const answer = await new AdminClient(node.adminUrl).request("GET", "/v1/state");
  const state = answer.body as { stages?: { apiId: string; stage: string; hash: string }[] };
  return state.stages?.find((s) => s.apiId === apiId && s.stage === stage)?.hash ?? null;
}

beforeAll(async () => {
  env.GATEWAY_NODES = [];
  env.GATEWAY_ADMIN_TOKEN = TEST_ADMIN_TOKEN;
  env.GATEWAY_REGISTRATION_TOKEN = REGISTRATION_TOKEN;
  // Approval is tested in app/api/v1/_tests/nodes.int.test.ts; here nodes serve as soon as they register.
  env.GATEWAY_AUTO_APPROVE = true;
  consoleServer = await startConsoleServer();
  dataDir = await mkdtemp(join(tmpdir(), "portico-converge-test-"));
});

afterAll(async () => {
  await Promise.all(running.map((node) => node.stop("SIGKILL")));
  // Other test files share the database: a dead registered node would otherwise receive their pushes for a minute.
  await prisma.gatewayNode.deleteMany({ where: { name: nodeName } });
  await consoleServer?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("registered gateway nodes", () => {
  it("refuses registration with a wrong token, and looks absent when registration is off", async () => {
    const body = { name: "intruder", adminUrl: "http://127.0.0.1:1" };
    expectError(
      await call("POST", registerRoute.POST, { body, headers: { authorization: "Bearer wrong-token-0123456789" } }),
      401,
      "unauthorized",
    );
    env.GATEWAY_REGISTRATION_TOKEN = undefined;
    expectError(await call("POST", registerRoute.POST, { body, headers: { authorization: `Bearer ${REGISTRATION_TOKEN}` } }), 404);
    env.GATEWAY_REGISTRATION_TOKEN = REGISTRATION_TOKEN;
    expect(await prisma.gatewayNode.count({ where: { name: "intruder" } })).toBe(0);
  });

  it("answers 401 unauthorized with a Bearer challenge to a missing or wrong token on register, heartbeat and state", async () => {
    const wrong = { authorization: "Bearer wrong-token-0123456789" };
    const attempts = [
      call("POST", registerRoute.POST, { body: { name: "intruder", adminUrl: "http://127.0.0.1:1" }, headers: wrong }),
      call("POST", registerRoute.POST, { body: { name: "intruder", adminUrl: "http://127.0.0.1:1" } }),
      call("POST", heartbeatRoute.POST, { body: {}, headers: wrong }),
      call("GET", stateRoute.GET, { headers: wrong }),
    ];
    for (const result of await Promise.all(attempts)) {
      const error = expectError(result, 401, "unauthorized");
      expect(error.message).toContain("GATEWAY_REGISTRATION_TOKEN");
      expect(result.headers.get("www-authenticate")).toBe("Bearer");
    }
    expect(await prisma.gatewayNode.count({ where: { name: "intruder" } })).toBe(0);
  });

  it("serves the rest of the state when one stage's stored deployment is damaged", async () => {
    const healthy = await createTestApi();
    await addMethod(healthy.id, "/ok", { httpMethod: "GET", integration: mock('"ok"') });
    await deploy(healthy.id, { stageName: "dev" });
    const damaged = await createTestApi();
    const deployment = await prisma.deployment.create({
      data: { apiId: damaged.id, snapshot: {}, hash: "d".repeat(64), createdBy: "test" },
    });
    await prisma.stage.create({ data: { apiId: damaged.id, name: "dev", deploymentId: deployment.id } });

    const puller = await prisma.gatewayNode.create({
      data: {
        name: `${nodeName}-puller`,
        adminUrl: "http://127.0.0.1:3",
        source: "REGISTERED",
        adminToken: TEST_ADMIN_TOKEN,
        approvedAt: new Date(),
      },
    });
    const answer = await call("GET", stateRoute.GET, {
      headers: { authorization: `Bearer ${REGISTRATION_TOKEN}`, "x-portico-node-id": puller.id },
    });
    await prisma.gatewayNode.delete({ where: { id: puller.id } });
    expect(answer.status).toBe(200);
    const state = answer.body as { stages: { apiId: string; stage: string }[] };
    expect(state.stages.some((s) => s.apiId === healthy.id && s.stage === "dev")).toBe(true);
    expect(state.stages.some((s) => s.apiId === damaged.id)).toBe(false);
  });

  it("a node killed during a push converges to the current hashes when it restarts, without a redeploy", async () => {
    const api = await createTestApi();
    await addMethod(api.id, "/v", { httpMethod: "GET", integration: mock('"one"') });

    // A node that starts after a deploy pulls it.
    const before = await deploy(api.id, { stageName: "dev" });
    expect(before.nodes).toEqual([]);
    let node = await startRegisteredNode();
    const firstHash = await waitFor(() => servedHash(node, api.id, "dev"), {
      what: "the new node to serve a hash",
      until: (hash) => hash !== null,
      timeoutMs: NODE_WAIT_MS,
    });
    expect(firstHash).not.toBeNull();

    // Registered and heard from: it now receives pushes.
    await addMethod(api.id, "/w", { httpMethod: "GET", integration: mock('"two"') });
    const pushed = await deploy(api.id, { stageName: "dev" });
    expect(pushed.nodes.map((n) => [n.name, n.status])).toEqual([[nodeName, "applied"]]);

    // Killed while the next deploy is being pushed.
    await addMethod(api.id, "/x", { httpMethod: "GET", integration: mock('"three"') });
    const deploying = deploy(api.id, { stageName: "dev" });
    node.child.kill("SIGKILL");
    await node.exited;
    const during = await deploying;
    const expected = await prisma.stage.findUniqueOrThrow({ where: { apiId_name: { apiId: api.id, name: "dev" } } });
    expect(expected.deploymentId).toBe(during.deployment.id);

    node = await startRegisteredNode();
    const converged = await waitFor(
      async () => (await fetch(`${node.proxyUrl.replace(/\/+$/, "")}/${api.id}/dev/x`)).headers.get("x-portico-deployment"),
      { what: "the restarted node to serve the current deployment", until: (id) => id === during.deployment.id, timeoutMs: NODE_WAIT_MS },
    );
    expect(converged).toBe(during.deployment.id);

    const { items } = expectOk(await call("GET", nodesRoute.GET, { query: { probe: "true" } }), 200, GatewayNodeListSchema);
    const listed = items.find((item) => item.name === nodeName);
    expect(listed?.stages.find((stage) => stage.apiId === api.id && stage.stage === "dev")).toMatchObject({ inSync: true });
    expect(listed?.reachable).toBe(true);
  }, 120_000);
});
