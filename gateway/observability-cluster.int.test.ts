import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregatesResponseSchema, requestsResponseSchema } from "@/lib/contracts/observability";
import { AdminClient } from "@/test/support/gateway/admin-client";
import { API_ID, STAGE, makeSnapshot, mockRoute } from "@/test/support/gateway/fixtures";
import { spawnGateway, type GatewayProcess } from "@/test/support/gateway/gateway-process";
import { requireRedisUrl, skipWithoutRedis } from "@/test/support/redis";

const base = `/${API_ID}/${STAGE}`;

/** A request on a connection of its own, so the cluster may hand it to either worker. */
function callFresh(baseUrl: string, path: string): Promise<{ status: number; requestId: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { agent: false, headers: { connection: "close" } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, requestId: String(res.headers["x-request-id"]) }));
    });
    req.on("error", reject);
    req.end();
  });
}

function workerOf(requestId: string): string {
  return requestId.slice(0, requestId.lastIndexOf("-"));
}

describe.skipIf(skipWithoutRedis)("observability with GATEWAY_WORKERS=2", () => {
  let dataDir: string;
  let gateway: GatewayProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "portico-observability-cluster-"));
    gateway = await spawnGateway({
      dataDir,
      env: { GATEWAY_WORKERS: "2", REDIS_URL: requireRedisUrl(), GATEWAY_NODE_NAME: "edge-1" },
    });
  });
  afterAll(async () => {
    await gateway?.stop("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });

  it("answers /v1/aggregates and /v1/requests with the sum of both workers", async () => {
    const running = gateway as GatewayProcess;
    const admin = new AdminClient(running.adminUrl);
    await admin.applyStage(API_ID, STAGE, makeSnapshot([mockRoute("ok", "GET", "/ok"), mockRoute("teapot", "GET", "/teapot")]));
    const answers = [
      ...(await Promise.all(Array.from({ length: 30 }, () => callFresh(running.proxyUrl, `${base}/ok`)))),
      ...(await Promise.all(Array.from({ length: 10 }, () => callFresh(running.proxyUrl, `${base}/nothing-here`)))),
    ];
    expect(new Set(answers.map((answer) => workerOf(answer.requestId))).size).toBe(2);

    const aggregates = aggregatesResponseSchema.parse((await admin.request("GET", "/v1/aggregates")).body);
    expect(aggregates.node).toBe("edge-1");
    const counts: Record<string, number> = {};
    const seen = new Set<string>();
    for (const row of aggregates.rows) {
      const key = `${row.route ?? "(none)"} ${row.statusClass}`;
      counts[key] = (counts[key] ?? 0) + row.count;
      // One row per series and minute: the workers' rows were added, not listed side by side.
      const series = `${row.minute} ${key} ${row.apiKeyId ?? ""}`;
      expect(seen.has(series)).toBe(false);
      seen.add(series);
    }
    expect(counts).toEqual({ "GET /ok 2xx": 30, "(none) 4xx": 10 });

    const recorded = requestsResponseSchema.parse((await admin.request("GET", "/v1/requests?limit=1000")).body);
    expect(new Set(recorded.items.map((item) => item.requestId))).toEqual(new Set(answers.map((answer) => answer.requestId)));
    expect(recorded.sampling).toEqual({ successRate: 1, errorsKept: 4000, successesKept: 4000 });
    const one = answers[answers.length - 1].requestId;
    const found = requestsResponseSchema.parse((await admin.request("GET", `/v1/requests?requestId=${one}`)).body);
    expect(found.items.map((item) => [item.requestId, item.status, item.reason])).toEqual([[one, 404, "route.not-found"]]);
  });
});
