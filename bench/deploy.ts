/**
 * bench:deploy — how long a deploy takes from the call to every node's
 * acknowledgement: an API with 1,000 methods deployed to 3 real gateway
 * processes (compile, store the deployment, point the stage, push in
 * parallel, each node validates, compiles and swaps).
 *
 *   npm run bench:deploy
 *
 * Uses a fresh database (on DATABASE_URL's server when set, else an embedded
 * PostgreSQL). The baseline, measured in the same run, is one raw admin PUT
 * of the same snapshot to one node: the floor a deploy cannot beat. Ends
 * with one JSON line.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { AdminClient, TEST_ADMIN_TOKEN } from "@/test/support/gateway/admin-client";
import { spawnGateway } from "@/test/support/gateway/gateway-process";
import { SYSTEM_ACTOR } from "@/lib/schemas/audit";
import { startTestDatabase } from "@/test/setup/test-database";

const METHODS = 1_000;
const NODES = 3;
const ROUNDS = 7;
const VERBS = ["GET", "POST", "PUT", "DELETE"] as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

async function main(): Promise<void> {
  const database = await startTestDatabase();
  process.env.DATABASE_URL = database.url;
  const dataDirs = await Promise.all(Array.from({ length: NODES }, () => mkdtemp(join(tmpdir(), "portico-bench-deploy-"))));
  const nodes = await Promise.all(dataDirs.map((dataDir) => spawnGateway({ dataDir })));
  try {
    // Imported once the database exists: the client reads DATABASE_URL when it loads.
    const { env } = await import("@/lib/env");
    env.DATABASE_URL = database.url;
    const { prisma } = await import("@/lib/server/db");
    const { createDeployment } = await import("@/lib/server/deployments/create-deployment");
    const { pushStage } = await import("@/lib/server/stages/push-stage");
    const { findStageOrThrow, stageSnapshot } = await import("@/lib/server/stages/stage-row");
    env.GATEWAY_NODES = nodes.map((node) => node.adminUrl);
    env.GATEWAY_ADMIN_TOKEN = TEST_ADMIN_TOKEN;

    const api = await prisma.api.create({ data: { name: "bench-deploy" } });
    const root = await prisma.resource.create({ data: { apiId: api.id, pathPart: "", path: "/" } });
    const resources = Array.from({ length: METHODS / VERBS.length }, (_, i) => ({
      id: `bench-r-${i}`,
      apiId: api.id,
      parentId: root.id,
      pathPart: `items${i}`,
      path: `/items${i}`,
    }));
    await prisma.resource.createMany({ data: resources });
    const methods = resources.flatMap((resource) =>
      VERBS.map((verb) => ({ id: `${resource.id}-${verb}`, resourceId: resource.id, httpMethod: verb })),
    );
    await prisma.method.createMany({ data: methods });
    await prisma.integration.createMany({
      data: methods.map((method) => ({ methodId: method.id, type: "HTTP_PROXY" as const, uri: `http://127.0.0.1:9/${method.resourceId}` })),
    });

    const deployMs: number[] = [];
    const slowestNodeMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      await createDeployment({ apiId: api.id, input: { stageName: "bench", description: `round ${round}` }, actor: SYSTEM_ACTOR });
      const results = await pushStage({ apiId: api.id, stageName: "bench" });
      const elapsed = performance.now() - started;
      const failed = results.filter((result) => result.status !== "applied");
      if (results.length !== NODES || failed.length > 0) throw new Error(`Not every node acknowledged: ${JSON.stringify(results)}`);
      deployMs.push(elapsed);
      slowestNodeMs.push(Math.max(...results.map((result) => result.ms)));
    }

    // Baseline: the same stage document as one raw admin PUT to one node, made new each time so it is applied, not skipped.
    const snapshot = stageSnapshot(await findStageOrThrow({ apiId: api.id, stageName: "bench" }));
    const admin = new AdminClient(nodes[0]?.adminUrl ?? "");
    const baselineMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { hash: _hash, ...document } = snapshot;
      const started = performance.now();
      await admin.applyStage(api.id, "baseline", { ...document, stage: "baseline", stageVariables: { round: String(round) } });
      baselineMs.push(performance.now() - started);
    }

    const result = {
      bench: "deploy",
      methods: METHODS,
      nodes: NODES,
      rounds: ROUNDS,
      deployMs: { median: round1(median(deployMs)), max: round1(Math.max(...deployMs)) },
      slowestNodeMs: { median: round1(median(slowestNodeMs)) },
      baselineSinglePutMs: { median: round1(median(baselineMs)) },
      ratio: { singlePut: round1(median(deployMs) / median(baselineMs)) },
      underOneSecond: Math.max(...deployMs) < 1_000,
    };
    console.log(
      `Deploying ${METHODS} methods to ${NODES} nodes: median ${result.deployMs.median} ms, max ${result.deployMs.max} ms ` +
        `(one raw PUT to one node: ${result.baselineSinglePutMs.median} ms).`,
    );
    console.log(JSON.stringify(result));
    await prisma.$disconnect();
  } finally {
    await Promise.all(nodes.map((node) => node.stop()));
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
