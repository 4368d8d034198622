import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "@/test/support/gateway/admin-client";
import { API_ID, STAGE, makeConsumers, makeSnapshot, mockRoute, proxyRoute } from "@/test/support/gateway/fixtures";
import { spawnGateway, type GatewayProcess } from "@/test/support/gateway/gateway-process";
import { call } from "@/test/support/gateway/http";
import { startUpstream, type TestUpstream } from "@/test/support/gateway/upstream";
import { waitFor } from "@/test/support/wait-for";

const base = `/${API_ID}/${STAGE}`;

describe("gateway process", () => {
  let upstream: TestUpstream;
  let dataDir: string;
  const running: GatewayProcess[] = [];

  beforeAll(async () => {
    upstream = await startUpstream();
    dataDir = await mkdtemp(join(tmpdir(), "portico-gateway-process-"));
  });
  afterAll(async () => {
    await Promise.all(running.map((gateway) => gateway.stop("SIGKILL")));
    await upstream?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string> = {}): Promise<GatewayProcess> {
    const gateway = await spawnGateway({ dataDir, env });
    running.push(gateway);
    return gateway;
  }

  it("refuses to start without an admin token, saying which variable to set", async () => {
    const gateway = spawnGateway({ dataDir, env: { GATEWAY_ADMIN_TOKEN: "" } });
    await expect(gateway).rejects.toThrow(/exited with 2[\s\S]*GATEWAY_ADMIN_TOKEN is not set/);
  });

  it("serves what it served before after a restart, from its data folder alone", async () => {
    const first = await start();
    const admin = new AdminClient(first.adminUrl);
    const hash = await admin.applyStage(
      API_ID,
      STAGE,
      makeSnapshot([mockRoute("secret", "GET", "/secret", '{"kept":true}', { authorization: "API_KEY" })], { deploymentId: "persisted" }),
    );
    const consumersHash = await admin.applyConsumers(
      makeConsumers(
        [{ id: "p", apiStages: [{ apiId: API_ID, stage: STAGE }] }],
        [{ id: "k", value: "persisted-key-value", planIds: ["p"] }],
      ),
    );
    expect(await first.stop("SIGTERM")).toBe(0);

    // The second process is killed without warning: what it loaded must survive that too.
    const second = await start();
    const secondAdmin = new AdminClient(second.adminUrl);
    const state = (await secondAdmin.request("GET", "/v1/state")).body as { stages: { hash: string }[]; consumers: { hash: string } };
    expect(state.stages.map((stage) => stage.hash)).toEqual([hash]);
    expect(state.consumers.hash).toBe(consumersHash);
    const response = await call(second.proxyUrl, `${base}/secret`, { headers: { "x-api-key": "persisted-key-value" } });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ kept: true });
    await second.stop("SIGKILL");

    const third = await start();
    expect((await call(third.proxyUrl, `${base}/secret`, { headers: { "x-api-key": "persisted-key-value" } })).status).toBe(200);
    expect(await third.stop("SIGTERM")).toBe(0);
  });

  it("drains in-flight requests on SIGTERM before exiting, and stops taking new ones", async () => {
    const gateway = await start();
    const admin = new AdminClient(gateway.adminUrl);
    await admin.applyStage(
      API_ID,
      STAGE,
      makeSnapshot([proxyRoute("slow", "GET", "/slow", `${upstream.origin}/slow/700/x`)], { deploymentId: "drain" }),
    );
    const slowBefore = upstream.received("/slow");
    const inFlight = Array.from({ length: 5 }, () => call(gateway.proxyUrl, `${base}/slow`));
    // Signal once the upstream holds all five requests.
    await waitFor(() => upstream.received("/slow"), {
      what: "five requests at the upstream",
      until: (n) => n >= slowBefore + 5,
      intervalMs: 10,
    });
    gateway.child.kill("SIGTERM");
    const results = await Promise.all(inFlight);
    expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await gateway.exited).toBe(0);
    await expect(call(gateway.proxyUrl, `${base}/slow`)).rejects.toThrow();
    expect(gateway.logs.some((entry) => entry.msg === "Gateway stopped." && entry.drained === true)).toBe(true);
  });
});
