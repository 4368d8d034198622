import { afterEach, beforeEach, describe, expect, it } from "vitest";

import * as apiMetricsRoute from "@/app/api/v1/apis/[apiId]/metrics/route";
import * as metricsRoute from "@/app/api/v1/apis/[apiId]/stages/[stageName]/metrics/route";
import * as topRoute from "@/app/api/v1/apis/[apiId]/stages/[stageName]/metrics/top/route";
import * as requestsRoute from "@/app/api/v1/apis/[apiId]/stages/[stageName]/requests/route";
import { MINUTE_MS } from "@/lib/contracts/observability";
import { MetricsSchema, RecordedRequestPageSchema, TopTrafficSchema, type Metrics } from "@/lib/schemas/traffic";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { prisma } from "@/lib/server/db";
import { collectTraffic } from "@/lib/server/traffic/collect-traffic";
import { HOUR_MS, rollUpTraffic } from "@/lib/server/traffic/roll-up-traffic";
import { TEST_ADMIN_TOKEN } from "@/test/support/gateway/admin-client";
import { startFakeNode, type FakeNode } from "@/test/support/traffic/fake-node";

import { createDeployedStage, uniqueId } from "../api-keys/_tests/fixtures";
import { call, expectError, expectOk } from "./call";

// The console's side of traffic: nodes answering the observability contract
// (fake nodes, real HTTP), the collector writing real PostgreSQL, and the
// routes reading it back. What is checked is exactness: counts that add up
// across nodes and rereads, percentiles from merged histograms, minutes that
// survive restarts and absences, and lost minutes said out loud.

const nodes: FakeNode[] = [];
/** The fake nodes' clock: a whole minute a little in the past, moved by the tests. */
let clock = 0;

async function addNode(options: { ringMinutes?: number } = {}): Promise<FakeNode> {
  const node = await startFakeNode({ now: () => clock, ...options });
  nodes.push(node);
  await prisma.gatewayNode.create({
    data: {
      name: node.name,
      adminUrl: node.adminUrl,
      source: "REGISTERED",
      adminToken: TEST_ADMIN_TOKEN,
      approvedAt: new Date(),
      lastSeenAt: new Date(),
    },
  });
  return node;
}

beforeEach(async () => {
  clock = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 30 * MINUTE_MS + 1_000;
  // Nodes registered by other test files are not this file's fleet.
  await prisma.gatewayNode.updateMany({ where: { source: "REGISTERED" }, data: { lastSeenAt: null } });
});

afterEach(async () => {
  for (const node of nodes.splice(0)) {
    await node.stop();
    await prisma.gatewayNode.deleteMany({ where: { adminUrl: node.adminUrl } });
  }
});

type Target = { apiId: string; stage: string };

async function metrics(target: Target, query: Record<string, string>): Promise<Metrics> {
  const result = await call("GET", metricsRoute.GET, { params: { apiId: target.apiId, stageName: target.stage }, query });
  return expectOk(result, 200, MetricsSchema);
}

/** The hour around the fake clock, as a query. */
function around(): Record<string, string> {
  const minute = Math.floor(clock / MINUTE_MS) * MINUTE_MS;
  return { from: String(minute - 40 * MINUTE_MS), to: String(minute + 20 * MINUTE_MS) };
}

/** Gaps are a node's: other tests' nodes may have lost minutes in the same range. */
function gapsOf(answer: Metrics, node: FakeNode): Metrics["gaps"] {
  return answer.gaps.filter((gap) => gap.node === node.name);
}

function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

function recordMany(node: FakeNode, target: Target, count: number, fields: { status: number; route?: string | null; latencyMs?: number }) {
  for (let i = 0; i < count; i += 1) {
    node.record({ ...target, route: "GET /pets", latencyMs: 5, integrationLatencyMs: 3, ...fields });
  }
}

describe("traffic collected from the nodes", () => {
  it("counts every request per status class exactly across two nodes, requests without a route included, and rereads never add", async () => {
    const target = await createDeployedStage();
    const [a, b] = [await addNode(), await addNode()];
    recordMany(a, target, 7, { status: 200 });
    recordMany(a, target, 3, { status: 404 });
    recordMany(a, target, 2, { status: 503 });
    recordMany(b, target, 5, { status: 201 });
    recordMany(b, target, 1, { status: 500 });
    recordMany(b, target, 2, { status: 404, route: null });

    for (let round = 0; round < 3; round += 1) {
      const outcomes = await collectTraffic();
      expect(outcomes.map((outcome) => outcome.status)).toEqual(["collected", "collected"]);
    }
    const answer = await metrics(target, { ...around(), step: "60" });
    expect(answer.totals).toMatchObject({ count: 20, status4xx: 5, status5xx: 3 });
    expect(answer.series).toHaveLength(60);
    const minute = answer.series.find((point) => point.count > 0);
    expect(minute).toMatchObject({ at: new Date(Math.floor(clock / MINUTE_MS) * MINUTE_MS).toISOString(), count: 20 });

    // More traffic in the same (still partial) minute: the next read replaces the minute's rows.
    recordMany(a, target, 4, { status: 200 });
    await collectTraffic();
    expect((await metrics(target, { ...around(), step: "300" })).totals).toMatchObject({ count: 24, status4xx: 5, status5xx: 3 });

    // The API's aggregate over its stages sees the same requests.
    const apiAnswer = expectOk(
      await call("GET", apiMetricsRoute.GET, { params: { apiId: target.apiId }, query: { ...around(), step: "3600" } }),
      200,
      MetricsSchema,
    );
    expect(apiAnswer.totals.count).toBe(24);

    const top = expectOk(
      await call("GET", topRoute.GET, { params: { apiId: target.apiId, stageName: target.stage }, query: { ...around(), by: "route" } }),
      200,
      TopTrafficSchema,
    );
    expect(top.items.map((item) => [item.key, item.count])).toEqual([
      ["GET /pets", 22],
      [null, 2],
    ]);
  });

  it("gives fleet percentiles from merged histograms within a bucket (9 %) of the raw latencies", async () => {
    const target = await createDeployedStage();
    const [fast, slow] = [await addNode(), await addNode()];
    const latencies: number[] = [];
    const integration: number[] = [];
    for (let i = 0; i < 400; i += 1) {
      // Two different distributions: averaging the nodes' percentiles would be far off.
      const node = i % 4 === 0 ? slow : fast;
      const latencyMs = node === slow ? 200 + ((i * 37) % 600) : 2 + ((i * 13) % 40);
      const integrationLatencyMs = latencyMs * 0.8;
      latencies.push(latencyMs);
      integration.push(integrationLatencyMs);
      node.record({ ...target, route: "GET /items", status: 200, latencyMs, integrationLatencyMs, at: clock + (i % 50) });
    }
    await collectTraffic();
    const { totals, series } = await metrics(target, { ...around(), step: "3600" });
    const point = series.find((entry) => entry.count > 0);
    if (!point) throw new Error("no point with requests");
    expect(point.count).toBe(400);
    const near = (actual: number | null, expected: number) => {
      expect(actual).not.toBeNull();
      expect(Math.abs((actual ?? 0) - expected) / expected).toBeLessThanOrEqual(0.095);
    };
    near(point.latencyP50Ms, exactQuantile(latencies, 0.5));
    near(point.latencyP90Ms, exactQuantile(latencies, 0.9));
    near(point.latencyP99Ms, exactQuantile(latencies, 0.99));
    near(point.integrationLatencyP50Ms, exactQuantile(integration, 0.5));
    near(totals.latencyP99Ms, exactQuantile(latencies, 0.99));
  });

  it("catches up a node that was unreachable from its ring, and keeps a restarted node's earlier counts beside its new boot's", async () => {
    const target = await createDeployedStage();
    const node = await addNode({ ringMinutes: 30 });
    recordMany(node, target, 3, { status: 200 });
    await collectTraffic();
    // The minute was partial when read: the next read starts from it.
    recordMany(node, target, 2, { status: 200 });

    // Unreachable for 10 minutes, serving all the while.
    await node.stop();
    expect((await collectTraffic())[0]).toMatchObject({ status: "failed" });
    for (let minute = 1; minute <= 10; minute += 1) {
      clock += MINUTE_MS;
      recordMany(node, target, 1, { status: 500 });
    }
    await node.start();
    await collectTraffic();
    expect(node.sinceAsked.at(-1)).toBe(Math.floor((clock - 10 * MINUTE_MS) / MINUTE_MS) * MINUTE_MS);
    expect((await metrics(target, { ...around(), step: "60" })).totals).toMatchObject({ count: 15, status5xx: 10 });

    // A restart: the new boot counts from zero, the console keeps both lives.
    clock += MINUTE_MS;
    node.restart();
    recordMany(node, target, 4, { status: 404 });
    await collectTraffic();
    const answer = await metrics(target, { ...around(), step: "60" });
    expect(answer.totals).toMatchObject({ count: 19, status4xx: 4, status5xx: 10 });
    expect(gapsOf(answer, node)).toEqual([expect.objectContaining({ node: node.name, reason: "restart" })]);
  });

  it("says which minutes are lost when the console was away longer than a node's ring", async () => {
    const target = await createDeployedStage();
    const node = await addNode({ ringMinutes: 5 });
    recordMany(node, target, 1, { status: 200 });
    await collectTraffic();
    const lastRead = Math.floor(clock / MINUTE_MS) * MINUTE_MS;
    for (let minute = 1; minute <= 12; minute += 1) {
      clock += MINUTE_MS;
      recordMany(node, target, 1, { status: 200 });
    }
    await collectTraffic();
    const answer = await metrics(target, { ...around(), step: "60" });
    // The first read (1), and the five minutes still in the ring.
    expect(answer.totals.count).toBe(6);
    expect(gapsOf(answer, node)).toEqual([
      { node: node.name, from: new Date(lastRead).toISOString(), to: new Date(node.oldestMinute()).toISOString(), reason: "ring" },
    ]);
  });

  it("never counts twice when two console replicas collect the same nodes at the same time", async () => {
    const target = await createDeployedStage();
    const [a, b] = [await addNode(), await addNode()];
    recordMany(a, target, 10, { status: 200 });
    recordMany(b, target, 6, { status: 429 });
    const replica = new PrismaClient({ adapter: new PrismaPg({ connectionString: env.DATABASE_URL ?? "" }) });
    try {
      const rounds = await Promise.all([collectTraffic(), collectTraffic({}, replica), collectTraffic(), collectTraffic({}, replica)]);
      const statuses = rounds.flat().map((outcome) => outcome.status);
      expect(statuses.filter((status) => status === "failed")).toEqual([]);
      expect(statuses).toContain("collected");
    } finally {
      await replica.$disconnect();
    }
    expect((await metrics(target, { ...around(), step: "60" })).totals).toMatchObject({ count: 16, status4xx: 6 });
  });

  it("rolls minutes older than 48 hours up into hours once, and deletes what is past the retention", async () => {
    const target = await createDeployedStage();
    const realNow = Date.now();
    clock = Math.floor((realNow - 50 * HOUR_MS) / HOUR_MS) * HOUR_MS + 5 * MINUTE_MS;
    const node = await addNode();
    const latencies: number[] = [];
    for (let minute = 0; minute < 3; minute += 1) {
      for (let i = 0; i < 5; i += 1) {
        const latencyMs = 10 + minute * 20 + i;
        latencies.push(latencyMs);
        node.record({ ...target, route: "GET /old", status: i === 0 ? 500 : 200, latencyMs, integrationLatencyMs: latencyMs / 2 });
      }
      clock += MINUTE_MS;
    }
    await collectTraffic({ now: clock });
    const range = { from: String(clock - 2 * HOUR_MS), to: String(clock + HOUR_MS) };
    const before = await metrics(target, { ...range, step: "3600" });
    expect(before.totals).toMatchObject({ count: 15, status5xx: 3 });

    const first = await rollUpTraffic({ now: realNow });
    expect(first.skipped).toBe(false);
    expect(first.hoursRolledUp).toBeGreaterThanOrEqual(1);
    const again = await rollUpTraffic({ now: realNow });
    expect(again.minuteRowsRolledUp).toBe(0);
    expect(await prisma.trafficMinute.count({ where: { apiId: target.apiId } })).toBe(0);
    expect(await prisma.trafficHour.count({ where: { apiId: target.apiId } })).toBe(2);
    const after = await metrics(target, { ...range, step: "3600" });
    expect(after.totals).toEqual(before.totals);
    expect(after.totals.latencyP50Ms).not.toBeNull();

    await rollUpTraffic({ now: realNow + 40 * 24 * HOUR_MS, retentionDays: 30 });
    expect(await prisma.trafficHour.count({ where: { apiId: target.apiId } })).toBe(0);
  });
});

describe("the request explorer", () => {
  it("finds a request by id on whichever node served it, and pages through every node's requests newest first without a repeat", async () => {
    const target = await createDeployedStage();
    const [a, b] = [await addNode(), await addNode()];
    const sent: string[] = [];
    for (let i = 0; i < 25; i += 1) {
      const node = i % 3 === 0 ? b : a;
      // Some share a millisecond across nodes: the order must still be total.
      const record = node.record({ ...target, status: i % 5 === 0 ? 502 : 200, latencyMs: 4, at: clock + Math.floor(i / 2) });
      sent.push(record.requestId);
    }
    const wanted = b.record({
      ...target,
      status: 403,
      latencyMs: 1,
      reason: "MISSING_API_KEY",
      at: clock - 5 * MINUTE_MS,
      steps: [{ name: "apiKey", ms: 0.1 }],
    });

    const byId = expectOk(
      await call("GET", requestsRoute.GET, {
        params: { apiId: target.apiId, stageName: target.stage },
        query: { requestId: wanted.requestId },
      }),
      200,
      RecordedRequestPageSchema,
    );
    expect(byId.items).toEqual([
      expect.objectContaining({
        requestId: wanted.requestId,
        node: b.name,
        status: 403,
        reason: "MISSING_API_KEY",
        steps: [{ name: "apiKey", ms: 0.1 }],
      }),
    ]);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { ...around(), limit: "10", ...(cursor ? { cursor } : {}) };
      const page = expectOk(
        await call("GET", requestsRoute.GET, { params: { apiId: target.apiId, stageName: target.stage }, query }),
        200,
        RecordedRequestPageSchema,
      );
      expect(page.sampling.map((entry) => entry.node).sort()).toEqual([a.name, b.name].sort());
      seen.push(...page.items.map((item) => item.requestId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...sent, wanted.requestId].sort());

    const errors = expectOk(
      await call("GET", requestsRoute.GET, {
        params: { apiId: target.apiId, stageName: target.stage },
        query: { ...around(), status: "5xx" },
      }),
      200,
      RecordedRequestPageSchema,
    );
    expect(errors.items.map((item) => item.status)).toEqual([502, 502, 502, 502, 502]);

    await a.stop();
    const partial = expectOk(
      await call("GET", requestsRoute.GET, { params: { apiId: target.apiId, stageName: target.stage }, query: around() }),
      200,
      RecordedRequestPageSchema,
    );
    expect(partial.unanswered).toEqual([{ node: a.name, error: expect.stringContaining("unreachable") as string }]);
    expect(partial.items.every((item) => item.node === b.name)).toBe(true);
  });
});

describe("traffic API access and validation", () => {
  it("lets viewers read, refuses anonymous callers, and names the stage that does not exist", async () => {
    const target = await createDeployedStage();
    expectOk(
      await call("GET", metricsRoute.GET, { params: { apiId: target.apiId, stageName: target.stage }, as: "viewer" }),
      200,
      MetricsSchema,
    );
    expectError(await call("GET", metricsRoute.GET, { params: { apiId: target.apiId, stageName: target.stage }, as: "anonymous" }), 401);
    const missing = expectError(
      await call("GET", requestsRoute.GET, { params: { apiId: target.apiId, stageName: uniqueId("nostage") } }),
      404,
      "not_found",
    );
    expect(missing.message).toContain("has no stage named");
  });

  it("refuses reversed ranges, steps that are not whole minutes and answers of too many points, naming the field", async () => {
    const target = await createDeployedStage();
    const params = { apiId: target.apiId, stageName: target.stage };
    const cases: [Record<string, string>, string][] = [
      [{ from: "2026-12-02T10:00:00Z", to: "2026-12-02T09:00:00Z" }, "from"],
      [{ step: "90" }, "step"],
      [{ from: "2026-12-01T00:00:00Z", to: "2026-12-03T00:00:00Z", step: "60" }, "step"],
      [{ from: "yesterday" }, "from"],
    ];
    for (const [query, field] of cases) {
      const error = expectError(await call("GET", metricsRoute.GET, { params, query }), 422, "validation_failed");
      expect(error.details?.map((detail) => detail.path)).toEqual([field]);
    }
  });
});
