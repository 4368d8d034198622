import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "@/test/support/gateway/admin-client";
import { API_ID, STAGE, makeSnapshot, mockRoute, proxyRoute } from "@/test/support/gateway/fixtures";
import { spawnGateway, type GatewayProcess } from "@/test/support/gateway/gateway-process";
import { startUpstream, type TestUpstream } from "@/test/support/gateway/upstream";
import { requireRedisUrl, skipWithoutRedis } from "@/test/support/redis";
import { waitFor } from "@/test/support/wait-for";

const base = `/${API_ID}/${STAGE}`;

/** A request on a connection of its own, so the cluster may hand it to any worker. */
function callFresh(baseUrl: string, path: string): Promise<{ status: number; body: string; requestId: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { agent: false, headers: { connection: "close" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, requestId: String(res.headers["x-request-id"]) }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Request ids start with a per-process prefix (up to the "-"): distinct prefixes, distinct workers. */
function workerOf(requestId: string): string {
  return requestId.slice(0, requestId.lastIndexOf("-"));
}

describe("gateway process with GATEWAY_WORKERS", () => {
  let dataDir: string;
  const running: GatewayProcess[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "portico-gateway-cluster-"));
  });
  afterAll(async () => {
    await Promise.all(running.map((gateway) => gateway.stop("SIGKILL")));
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses more than one worker without REDIS_URL, since each would enforce its own copy of every limit", async () => {
    const gateway = spawnGateway({ dataDir, env: { GATEWAY_WORKERS: "2", REDIS_URL: "" } });
    await expect(gateway).rejects.toThrow(/exited with 2[\s\S]*GATEWAY_WORKERS=2 needs REDIS_URL/);
  });

  describe.skipIf(skipWithoutRedis)("with Redis", () => {
    let upstream: TestUpstream;
    beforeAll(async () => {
      requireRedisUrl();
      upstream = await startUpstream();
    });
    afterAll(async () => {
      await upstream?.close();
    });

    it("serves from both workers, each push reaching both before it is answered, and drains both on SIGTERM", async () => {
      const gateway = await spawnGateway({ dataDir, env: { GATEWAY_WORKERS: "2", REDIS_URL: requireRedisUrl() } });
      running.push(gateway);
      const admin = new AdminClient(gateway.adminUrl);
      expect((await admin.request("GET", "/readyz")).status).toBe(200);

      for (const version of ["one", "two"]) {
        const hash = await admin.applyStage(
          API_ID,
          STAGE,
          makeSnapshot(
            [
              mockRoute("v", "GET", "/version", JSON.stringify({ version })),
              proxyRoute("slow", "GET", "/slow", `${upstream.origin}/slow/700/x`),
            ],
            { deploymentId: version },
          ),
        );
        const state = (await admin.request("GET", "/v1/state")).body as { stages: { hash: string }[] };
        expect(state.stages.map((stage) => stage.hash)).toEqual([hash]);
        // Right after the push is answered, every worker serves the new version.
        const answers = await Promise.all(Array.from({ length: 24 }, () => callFresh(gateway.proxyUrl, `${base}/version`)));
        expect(
          answers.every((answer) => answer.status === 200 && (JSON.parse(answer.body) as { version: string }).version === version),
        ).toBe(true);
        expect(new Set(answers.map((answer) => workerOf(answer.requestId))).size).toBe(2);
      }

      // /metrics on the admin port sums the workers' counters.
      const metrics = await admin.request("GET", "/metrics");
      expect(String(metrics.body)).toMatch(/portico_requests_total\{api="petstore",stage="prod",route="GET \/version",status="200"\} 48\b/);

      const slowBefore = upstream.received("/slow");
      const inFlight = Array.from({ length: 6 }, () => callFresh(gateway.proxyUrl, `${base}/slow`));
      await waitFor(() => upstream.received("/slow"), {
        what: "six requests at the upstream",
        until: (n) => n >= slowBefore + 6,
        intervalMs: 10,
      });
      gateway.child.kill("SIGTERM");
      const results = await Promise.all(inFlight);
      expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(new Set(results.map((result) => workerOf(result.requestId))).size).toBe(2);
      expect(await gateway.exited).toBe(0);
      await expect(callFresh(gateway.proxyUrl, `${base}/version`)).rejects.toThrow();
    });
  });
});
