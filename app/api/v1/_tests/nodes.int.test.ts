import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import * as registerRoute from "@/app/api/v1/gateway/register/route";
import * as stateRoute from "@/app/api/v1/gateway/state/route";
import * as approveRoute from "@/app/api/v1/nodes/[nodeId]/approve/route";
import * as nodeRoute from "@/app/api/v1/nodes/[nodeId]/route";
import * as nodesRoute from "@/app/api/v1/nodes/route";
import { env } from "@/lib/env";
import { GatewayNodeListSchema, RegisterNodeResultSchema } from "@/lib/schemas/node";
import { prisma } from "@/lib/server/db";
import { listPushTargets } from "@/lib/server/nodes/list-push-targets";

import { call, expectError, expectOk } from "./call";
import { uniqueName } from "./fixtures";

// Fleet secrets: what a holder of the registration token can and cannot do.
// It can announce a node at an allowed address, with that node's own admin
// token; it gets nothing to serve until an admin approves, and it never
// learns another node's token or the fleet's.

const REGISTRATION_TOKEN = "registration-token-for-node-tests-0123";
const registration = { authorization: `Bearer ${REGISTRATION_TOKEN}` };
const saved = { ...env };
const created: string[] = [];

beforeAll(() => {
  Object.assign(env, { GATEWAY_REGISTRATION_TOKEN: REGISTRATION_TOKEN, GATEWAY_ALLOWED_ADMIN_URLS: [], GATEWAY_AUTO_APPROVE: false });
});

afterEach(async () => {
  Object.assign(env, { GATEWAY_ALLOWED_ADMIN_URLS: [], GATEWAY_AUTO_APPROVE: false });
  await prisma.gatewayNode.deleteMany({ where: { name: { in: created.splice(0) } } });
});

afterAll(() => {
  Object.assign(env, saved);
});

function nodeBody(adminUrl = `http://127.0.0.1:${20_000 + Math.floor(Math.random() * 20_000)}`) {
  const name = uniqueName("node")
    .replace(/[^A-Za-z0-9._-]/g, "-")
    .slice(0, 60);
  created.push(name);
  return { name, adminUrl, adminToken: `own-token-of-${name}-0123456789abcdef` };
}

async function register(body: ReturnType<typeof nodeBody>) {
  return call("POST", registerRoute.POST, { as: "anonymous", body, headers: registration });
}

async function pull(nodeId: string) {
  return call("GET", stateRoute.GET, { as: "anonymous", headers: { ...registration, "x-portico-node-id": nodeId } });
}

describe("registering gateway nodes", () => {
  it("refuses an admin URL outside GATEWAY_ALLOWED_ADMIN_URLS (loopback by default), naming the setting", async () => {
    for (const adminUrl of ["http://10.0.0.5:8081", "http://169.254.169.254", "http://127.0.0.1.nip.io:8081"]) {
      const error = expectError(await register(nodeBody(adminUrl)), 403, "forbidden");
      expect(error.message).toContain("GATEWAY_ALLOWED_ADMIN_URLS");
    }
    expect(await prisma.gatewayNode.count({ where: { name: { in: created } } })).toBe(0);

    env.GATEWAY_ALLOWED_ADMIN_URLS = ["http://10.0.*:8081"];
    expectOk(await register(nodeBody("http://10.0.0.5:8081")), 201, RegisterNodeResultSchema);
  });

  it("refuses a node without an admin token of its own of at least 32 characters", async () => {
    const body = nodeBody();
    const error = expectError(await register({ ...body, adminToken: "short" }), 422);
    expect(error.details?.map((detail) => detail.path)).toEqual(["adminToken"]);
  });

  it("keeps a new node waiting for an admin: no pushes, no state, until approved; then pushes carry its own token", async () => {
    const body = nodeBody();
    const { node } = expectOk(await register(body), 201, RegisterNodeResultSchema);
    expect(node.approved).toBe(false);
    const waiting = expectError(await pull(node.id), 403, "forbidden");
    expect(waiting.message).toContain("awaits an admin's approval");
    expect((await listPushTargets()).some((target) => target.nodeId === node.id)).toBe(false);
    const listed = expectOk(await call("GET", nodesRoute.GET, { as: "viewer" }), 200, GatewayNodeListSchema);
    expect(listed.items.find((item) => item.id === node.id)).toMatchObject({ approved: false, source: "REGISTERED" });

    expectError(await call("POST", approveRoute.POST, { as: "developer", params: { nodeId: node.id } }), 403, "forbidden");
    expect((await call("POST", approveRoute.POST, { params: { nodeId: node.id } })).status).toBe(204);
    expect((await pull(node.id)).status).toBe(200);
    const target = (await listPushTargets()).find((candidate) => candidate.nodeId === node.id);
    expect(target?.adminToken).toBe(body.adminToken);
    expect(await prisma.auditEvent.count({ where: { targetId: node.id, action: { in: ["node.register", "node.approve"] } } })).toBe(2);

    // The same node registering again keeps its approval; at another address it waits again.
    expect(expectOk(await register(body), 201, RegisterNodeResultSchema).node.approved).toBe(true);
    const moved = expectOk(await register({ ...body, adminUrl: "http://127.0.0.1:1" }), 201, RegisterNodeResultSchema);
    expect(moved.node.approved).toBe(false);
  });

  it("approves at once with GATEWAY_AUTO_APPROVE", async () => {
    env.GATEWAY_AUTO_APPROVE = true;
    const { node } = expectOk(await register(nodeBody()), 201, RegisterNodeResultSchema);
    expect(node.approved).toBe(true);
    expect((await pull(node.id)).status).toBe(200);
  });

  it("removes a node with its token: its pulls then fail, and a configured node cannot be removed here", async () => {
    env.GATEWAY_AUTO_APPROVE = true;
    const { node } = expectOk(await register(nodeBody()), 201, RegisterNodeResultSchema);
    expectError(await call("DELETE", nodeRoute.DELETE, { as: "developer", params: { nodeId: node.id } }), 403);
    expect((await call("DELETE", nodeRoute.DELETE, { params: { nodeId: node.id } })).status).toBe(204);
    expect(await prisma.gatewayNode.count({ where: { id: node.id } })).toBe(0);
    expectError(await pull(node.id), 404, "not_found");

    const configured = await prisma.gatewayNode.create({
      data: { name: uniqueName("configured").replace(/\s/g, "-"), adminUrl: "http://127.0.0.1:2", source: "CONFIG" },
    });
    created.push(configured.name);
    const error = expectError(await call("DELETE", nodeRoute.DELETE, { params: { nodeId: configured.id } }), 409, "conflict");
    expect(error.message).toContain("GATEWAY_NODES");
  });

  it("asks a pull for the node's id", async () => {
    const error = expectError(await call("GET", stateRoute.GET, { as: "anonymous", headers: registration }), 403, "forbidden");
    expect(error.message).toContain("x-portico-node-id");
  });
});
