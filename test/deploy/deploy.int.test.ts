import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { call, expectError, expectOk } from "@/app/api/v1/_tests/call";
import * as canaryPromoteRoute from "@/app/api/v1/apis/[apiId]/stages/[stageName]/canary/promote/route";
import * as canaryRoute from "@/app/api/v1/apis/[apiId]/stages/[stageName]/canary/route";
import * as diffRoute from "@/app/api/v1/apis/[apiId]/stages/[stageName]/diff/route";
import * as pushRoute from "@/app/api/v1/apis/[apiId]/stages/[stageName]/push/route";
import * as promoteRoute from "@/app/api/v1/apis/[apiId]/stages/[stageName]/promote/route";
import * as rollbackRoute from "@/app/api/v1/apis/[apiId]/stages/[stageName]/rollback/route";
import * as stageRoute from "@/app/api/v1/apis/[apiId]/stages/[stageName]/route";
import * as testInvokeRoute from "@/app/api/v1/apis/[apiId]/stages/[stageName]/test-invoke/route";
import * as deploymentsRoute from "@/app/api/v1/apis/[apiId]/deployments/route";
import { ACCESS_LOG_PRESETS } from "@/lib/contracts/access-log";
import { AdminClient } from "@/test/support/gateway/admin-client";
import { startUpstream, type TestUpstream } from "@/test/support/gateway/upstream";
import { StageChangeResultSchema, StageDiffSchema, StageSchema, TestInvokeResultSchema } from "@/lib/schemas/stage";
import { prisma } from "@/lib/server/db";
import { addMethod, createTestApi, deploy, mock, proxyTo } from "@/test/support/deploy/api-builder";
import { startFleet, type Fleet } from "@/test/support/deploy/gateway-fleet";

let upstream: TestUpstream;
let fleet: Fleet;

beforeAll(async () => {
  upstream = await startUpstream();
  fleet = await startFleet(2);
});

afterAll(async () => {
  await fleet?.close();
  await upstream?.close();
});

async function get(nodeIndex: number, path: string, headers: Record<string, string> = {}) {
  const node = fleet.nodes[nodeIndex];
  if (node === undefined) throw new Error(`no gateway node ${nodeIndex}`);
  const response = await fetch(`${node.proxyUrl.replace(/\/+$/, "")}${path}`, { headers });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe("deploy, promote, roll back through real gateway processes", () => {
  it("deploys an API to dev: both nodes acknowledge the same hash and a request reaches the upstream", async () => {
    const api = await createTestApi();
    await addMethod(api.id, "/items", { httpMethod: "GET", integration: proxyTo(`${upstream.url}/items`) });

    const result = await deploy(api.id, { stageName: "dev", description: "first" });
    expect(result.nodes).toHaveLength(2);
    expect(result.nodes.map((node) => node.status)).toEqual(["applied", "applied"]);
    expect(new Set(result.nodes.map((node) => node.hash)).size).toBe(1);
    expect(result.deployment.hash).toMatch(/^[a-f0-9]{64}$/);

    for (const index of [0, 1]) {
      const answer = await get(index, `/${api.id}/dev/items`);
      expect(answer.status, answer.body).toBe(200);
      expect(answer.headers.get("x-upstream")).toBe("yes");
      expect(answer.headers.get("x-portico-deployment")).toBe(result.deployment.id);
    }
    const stage = expectOk(
      await call("GET", stageRoute.GET, { params: { apiId: api.id, stageName: "dev" } }),
      200,
      z.object({ stage: StageSchema }),
    );
    expect(stage.stage).toMatchObject({ name: "dev", deploymentId: result.deployment.id, undeployedChanges: false });

    // Pushing again (for nodes that missed it) leaves every node on the same hash.
    const again = expectOk(
      await call("POST", pushRoute.POST, { params: { apiId: api.id, stageName: "dev" } }),
      200,
      StageChangeResultSchema,
    );
    expect(again.nodes.map((node) => [node.status, node.hash])).toEqual(result.nodes.map((node) => ["applied", node.hash]));
  });

  it("promotes dev to prod, keeps prod unchanged when dev changes, and rolls prod back", async () => {
    const api = await createTestApi();
    await addMethod(api.id, "/items", { httpMethod: "GET", integration: proxyTo(`${upstream.url}/items`) });
    const first = await deploy(api.id, { stageName: "dev" });

    const promoted = expectOk(
      await call("POST", promoteRoute.POST, { params: { apiId: api.id, stageName: "dev" }, body: { to: "prod" } }),
      200,
      StageChangeResultSchema,
    );
    expect(promoted.stage.deploymentId).toBe(first.deployment.id);
    expect(promoted.nodes.every((node) => node.status === "applied")).toBe(true);
    expect((await get(1, `/${api.id}/prod/items`)).status).toBe(200);

    await addMethod(api.id, "/version", { httpMethod: "GET", integration: mock('{"v":2}') });
    const undeployed = expectOk(await call("GET", diffRoute.GET, { params: { apiId: api.id, stageName: "prod" } }), 200, StageDiffSchema);
    expect(undeployed.diff?.added).toEqual(["GET /version"]);

    const second = await deploy(api.id, { stageName: "dev", description: "adds /version" });
    expect((await get(0, `/${api.id}/dev/version`)).body).toBe('{"v":2}');
    expect((await get(0, `/${api.id}/prod/version`)).status).not.toBe(200);
    expect((await get(0, `/${api.id}/prod/items`)).headers.get("x-portico-deployment")).toBe(first.deployment.id);

    await call("POST", promoteRoute.POST, { params: { apiId: api.id, stageName: "dev" }, body: { to: "prod" } });
    expect((await get(0, `/${api.id}/prod/version`)).status).toBe(200);

    const rolledBack = expectOk(
      await call("POST", rollbackRoute.POST, { params: { apiId: api.id, stageName: "prod" }, body: { deploymentId: first.deployment.id } }),
      200,
      StageChangeResultSchema,
    );
    expect(rolledBack.stage.deploymentId).toBe(first.deployment.id);
    expect(rolledBack.stage.undeployedChanges).toBe(true);
    for (const index of [0, 1]) {
      expect((await get(index, `/${api.id}/prod/version`)).status).not.toBe(200);
      expect((await get(index, `/${api.id}/dev/version`)).status).toBe(200);
    }
    expect(second.deployment.id).not.toBe(first.deployment.id);

    const events = await prisma.auditEvent.findMany({
      where: { apiId: api.id, action: { in: ["deployment.create", "stage.promote", "stage.rollback"] } },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => event.action)).toEqual([
      "deployment.create",
      "stage.promote",
      "deployment.create",
      "stage.promote",
      "stage.rollback",
    ]);
  });

  it("refuses to roll back to a deployment of another API or an unknown one", async () => {
    const api = await createTestApi();
    const other = await createTestApi();
    await addMethod(api.id, "/a", { httpMethod: "GET", integration: mock("a") });
    await addMethod(other.id, "/b", { httpMethod: "GET", integration: mock("b") });
    await deploy(api.id, { stageName: "dev" });
    const foreign = await deploy(other.id, { stageName: "dev" });
    expectError(
      await call("POST", rollbackRoute.POST, {
        params: { apiId: api.id, stageName: "dev" },
        body: { deploymentId: foreign.deployment.id },
      }),
      404,
      "not_found",
    );
    expectError(
      await call("POST", rollbackRoute.POST, { params: { apiId: api.id, stageName: "dev" }, body: { deploymentId: "nope" } }),
      404,
    );
    expectError(await call("POST", promoteRoute.POST, { params: { apiId: api.id, stageName: "qa" }, body: { to: "prod" } }), 404);
  });

  it("refuses a deploy with an AWS service integration other than Lambda with a 422 naming the method, and leaves the stage as it was", async () => {
    const api = await createTestApi();
    const method = await addMethod(api.id, "/lambda", { httpMethod: "POST", integration: mock("x") });
    await prisma.integration.update({
      where: { methodId: method.id },
      data: { type: "AWS_PROXY", uri: "arn:aws:apigateway:us-east-1:lambda:path/x" },
    });
    const error = expectError(await call("POST", deploymentsRoute.POST, { params: { apiId: api.id }, body: { stageName: "dev" } }), 422);
    expect(error.message).toContain("POST /lambda");
    expect(await prisma.deployment.count({ where: { apiId: api.id } })).toBe(0);
  });

  it("sends about a quarter of 400 requests to a 25 % canary, then promotes it", async () => {
    const api = await createTestApi();
    await addMethod(api.id, "/who", { httpMethod: "GET", integration: mock('"stable"') });
    const stable = await deploy(api.id, { stageName: "live" });
    await addMethod(api.id, "/new", { httpMethod: "GET", integration: mock('"new"') });
    const canary = await deploy(api.id, { stageName: "live", canary: { percent: 25 } });
    expect(canary.nodes.every((node) => node.status === "applied")).toBe(true);

    let toCanary = 0;
    for (let i = 0; i < 400; i++) {
      const answer = await get(0, `/${api.id}/live/who`);
      expect(answer.status).toBe(200);
      if (answer.headers.get("x-portico-deployment") === canary.deployment.id) toCanary++;
      else expect(answer.headers.get("x-portico-deployment")).toBe(stable.deployment.id);
    }
    expect(toCanary).toBeGreaterThanOrEqual(68);
    expect(toCanary).toBeLessThanOrEqual(132);

    // Sticky per key: one key always lands on the same deployment.
    const served = new Set<string | null>();
    for (let i = 0; i < 20; i++)
      served.add((await get(0, `/${api.id}/live/who`, { "x-api-key": "sticky-key-1" })).headers.get("x-portico-deployment"));
    expect(served.size).toBe(1);

    const promoted = expectOk(
      await call("POST", canaryPromoteRoute.POST, { params: { apiId: api.id, stageName: "live" } }),
      200,
      StageChangeResultSchema,
    );
    expect(promoted.stage).toMatchObject({ deploymentId: canary.deployment.id, canary: null });
    expect((await get(1, `/${api.id}/live/new`)).headers.get("x-portico-deployment")).toBe(canary.deployment.id);
  });

  it("discards a canary: all traffic returns to the stage's deployment", async () => {
    const api = await createTestApi();
    await addMethod(api.id, "/x", { httpMethod: "GET", integration: mock("1") });
    const stable = await deploy(api.id, { stageName: "live" });
    await deploy(api.id, { stageName: "live", canary: { percent: 100 } });
    const discarded = expectOk(
      await call("DELETE", canaryRoute.DELETE, { params: { apiId: api.id, stageName: "live" } }),
      200,
      StageChangeResultSchema,
    );
    expect(discarded.stage.canary).toBeNull();
    for (let i = 0; i < 10; i++) expect((await get(0, `/${api.id}/live/x`)).headers.get("x-portico-deployment")).toBe(stable.deployment.id);
    const actions = (await prisma.auditEvent.findMany({ where: { apiId: api.id }, orderBy: { id: "asc" } })).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["canary.create", "canary.discard"]));
  });

  it("applies stage variables without a new deployment, and integrations use them", async () => {
    const api = await createTestApi();
    await addMethod(api.id, "/ping", { httpMethod: "GET", integration: mock("1") });
    const first = await deploy(api.id, { stageName: "dev" });
    const patched = expectOk(
      await call("PATCH", stageRoute.PATCH, {
        params: { apiId: api.id, stageName: "dev" },
        body: { variables: { segment: "from-variable" } },
      }),
      200,
      StageChangeResultSchema,
    );
    expect(patched.stage.deploymentId).toBe(first.deployment.id);
    expect(patched.nodes.every((node) => node.status === "applied" && node.hash !== first.nodes[0]?.hash)).toBe(true);
    expect(await prisma.deployment.count({ where: { apiId: api.id } })).toBe(1);

    await addMethod(api.id, "/v", {
      httpMethod: "GET",
      integration: proxyTo(`${upstream.url.replace(/\/+$/, "")}/\${stageVariables.segment}`),
    });
    await deploy(api.id, { stageName: "dev" });
    const answer = await get(1, `/${api.id}/dev/v`);
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ url: "/from-variable" });
  });

  it("pushes a stage's access-log settings to every node, refuses a format with an unknown variable, and turns them off", async () => {
    const api = await createTestApi();
    await addMethod(api.id, "/ping", { httpMethod: "GET", integration: mock("1") });
    await deploy(api.id, { stageName: "dev" });
    const settings = { format: ACCESS_LOG_PRESETS.CSV, destination: "stdout" as const };
    const patched = expectOk(
      await call("PATCH", stageRoute.PATCH, { params: { apiId: api.id, stageName: "dev" }, body: { accessLogSettings: settings } }),
      200,
      StageChangeResultSchema,
    );
    expect(patched.stage.accessLogSettings).toEqual(settings);
    expect(patched.nodes.map((node) => node.status)).toEqual(["applied", "applied"]);
    for (const node of fleet.nodes) {
      const served = await new AdminClient(node.adminUrl).request("GET", `/v1/apis/${api.id}/stages/dev`);
      expect((served.body as { accessLogSettings?: unknown }).accessLogSettings).toEqual(settings);
    }

    const refused = expectError(
      await call("PATCH", stageRoute.PATCH, {
        params: { apiId: api.id, stageName: "dev" },
        body: { accessLogSettings: { format: "$context.requestId $context.latency" } },
      }),
      422,
    );
    expect(JSON.stringify(refused.details)).toContain("Unknown variable $context.latency");

    const off = expectOk(
      await call("PATCH", stageRoute.PATCH, { params: { apiId: api.id, stageName: "dev" }, body: { accessLogSettings: null } }),
      200,
      StageChangeResultSchema,
    );
    expect(off.stage.accessLogSettings).toBeNull();
    const served = await new AdminClient(fleet.nodes[0]?.adminUrl ?? "").request("GET", `/v1/apis/${api.id}/stages/dev`);
    expect((served.body as { accessLogSettings?: unknown }).accessLogSettings).toBeUndefined();
    const events = await prisma.auditEvent.findMany({ where: { apiId: api.id, action: "stage.update" }, orderBy: { id: "asc" } });
    expect(events.map((event) => (event.details as { changed: string[] }).changed)).toEqual([["accessLogSettings"], ["accessLogSettings"]]);
  });

  it("test-invokes a stage through the gateway and reports status, headers, body and latency", async () => {
    const api = await createTestApi();
    await addMethod(api.id, "/ping", { httpMethod: "GET", integration: mock('{"pong":true}') });
    await deploy(api.id, { stageName: "dev" });
    const { result } = expectOk(
      await call("POST", testInvokeRoute.POST, { params: { apiId: api.id, stageName: "dev" }, body: { method: "GET", path: "/ping" } }),
      200,
      z.object({ result: TestInvokeResultSchema }),
    );
    expect(result).toMatchObject({ status: 200, body: '{"pong":true}', truncated: false });
    expect(result.headers["x-portico-deployment"]).toBeDefined();
    expect(result.latencyMs).toBeGreaterThan(0);
    const sneaky = expectOk(
      await call("POST", testInvokeRoute.POST, { params: { apiId: api.id, stageName: "dev" }, body: { path: "//evil.example/x" } }),
      200,
      z.object({ result: TestInvokeResultSchema }),
    );
    expect(sneaky.result.url.startsWith(`${fleet.nodes[0]?.proxyUrl.replace(/\/+$/, "")}/${api.id}/dev/`)).toBe(true);
    expectError(
      await call("POST", testInvokeRoute.POST, { params: { apiId: api.id, stageName: "dev" }, body: { path: "/../other/x" } }),
      422,
    );
  });
});
