import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSnapshot } from "@/lib/contracts/hash";
import { snapshotSchema } from "@/lib/contracts";
import { call } from "@/test/support/gateway/http";
import { API_ID, STAGE, makeSnapshot, mockRoute, proxyRoute } from "@/test/support/gateway/fixtures";
import { startTestGateway, type TestGateway } from "@/test/support/gateway/in-process";
import { startUpstream, type TestUpstream } from "@/test/support/gateway/upstream";

const base = `/${API_ID}/${STAGE}`;
const stagePath = `/v1/apis/${API_ID}/stages/${STAGE}`;

let gw: TestGateway;
let upstream: TestUpstream;

beforeAll(async () => {
  upstream = await startUpstream();
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
  await upstream?.close();
});

describe("admin API", () => {
  it("refuses every admin call without the bearer token, or with a wrong one, with 401", async () => {
    for (const token of [null, "wrong-token-of-some-length", ""]) {
      for (const [method, path] of [
        ["GET", "/v1/state"],
        ["PUT", stagePath],
        ["DELETE", stagePath],
        ["PUT", "/v1/consumers"],
        ["GET", "/metrics"],
      ] as const) {
        const response = await gw.admin.request(method, path, method === "PUT" ? {} : undefined, token);
        expect(response.status, `${method} ${path} with ${token}`).toBe(401);
      }
    }
  });

  it("answers 404 for unknown endpoints only to a caller with the token, 405 naming the methods a path takes, and 400 for a bad id whatever the method", async () => {
    expect((await gw.admin.request("GET", "/v1/nothing-here", undefined, null)).status).toBe(401);
    const unknown = await gw.admin.request("GET", "/v1/nothing-here");
    expect(unknown).toEqual({ status: 404, body: { error: { code: "not_found", message: "No admin endpoint GET /v1/nothing-here." } } });
    expect((await gw.admin.request("GET", "/v1/state/")).status).toBe(404);
    expect((await gw.admin.request("POST", "/healthz")).status).toBe(404);

    const consumers = await gw.admin.request("POST", "/v1/consumers");
    expect(consumers).toEqual({
      status: 405,
      body: { error: { code: "method_not_allowed", message: "Use GET or PUT on /v1/consumers." } },
    });
    const stage = await gw.admin.request("PATCH", stagePath);
    expect(stage).toEqual({ status: 405, body: { error: { code: "method_not_allowed", message: "Use GET, PUT or DELETE on a stage." } } });

    for (const method of ["GET", "PATCH"]) {
      const badId = await gw.admin.request(method, `/v1/apis/a%20b/stages/${STAGE}`);
      expect(badId.status, method).toBe(400);
      expect((badId.body as { error: { code: string } }).error.code).toBe("invalid_path");
    }
    // An empty segment is no id at all: there is no such endpoint.
    expect((await gw.admin.request("GET", `/v1/apis//stages/${STAGE}`)).status).toBe(404);
  });

  it("answers health and readiness probes without a token", async () => {
    expect((await gw.admin.request("GET", "/healthz", undefined, null)).status).toBe(200);
    expect((await gw.admin.request("GET", "/readyz", undefined, null)).status).toBe(200);
  });

  it("rejects an invalid snapshot with per-field errors and keeps serving the previous one", async () => {
    await gw.admin.applyStage(API_ID, STAGE, makeSnapshot([mockRoute("r", "GET", "/r")], { deploymentId: "good" }));
    const invalid = makeSnapshot([{ ...mockRoute("r", "GET", "/r/{a}/{proxy+}/x") }], { deploymentId: "bad" });
    const response = await gw.admin.putStage(API_ID, STAGE, {
      ...invalid,
      version: 1,
      routes: [...invalid.routes, { id: "x", method: "FETCH" }],
    });
    expect(response.status).toBe(400);
    const details = (response.body as { error: { details: { path: string; message: string }[] } }).error.details;
    expect(details.map((detail) => detail.path)).toEqual(
      expect.arrayContaining(["routes[0].path", "routes[1].method", "routes[1].integration"]),
    );

    const served = await call(gw.proxyUrl, `${base}/r`);
    expect(served.status).toBe(200);
    expect(served.headers["x-portico-deployment"]).toBe("good");
  });

  it("rejects documents that validate but cannot be compiled, naming the field", async () => {
    const badSchema = makeSnapshot([
      mockRoute("r", "POST", "/r", "{}", { requestValidator: { body: true, params: false }, requestModel: { type: "no-such-type" } }),
    ]);
    const schemaResponse = await gw.admin.putStage(API_ID, STAGE, badSchema);
    expect(schemaResponse.status).toBe(400);
    expect(JSON.stringify(schemaResponse.body)).toContain("routes[0]");

    const missingVariable = makeSnapshot([proxyRoute("r", "GET", "/r", "http://${stageVariables.host}/x")]);
    const variableResponse = await gw.admin.putStage(API_ID, STAGE, missingVariable);
    expect(variableResponse.status).toBe(400);
    expect(JSON.stringify(variableResponse.body)).toContain("stage variable 'host'");

    const wrongStage = await gw.admin.putStage(API_ID, "elsewhere", makeSnapshot([mockRoute("r", "GET", "/r")]));
    expect(wrongStage.status).toBe(400);

    const wrongHash = await gw.admin.putStage(API_ID, STAGE, { ...makeSnapshot([mockRoute("r", "GET", "/r")]), hash: "0".repeat(64) });
    expect(wrongHash.status).toBe(400);
    expect((await call(gw.proxyUrl, `${base}/r`)).headers["x-portico-deployment"]).toBe("good");
  });

  it("treats a push with the hash already served as a no-op", async () => {
    const snapshot = makeSnapshot([mockRoute("r", "GET", "/r")], { deploymentId: "same" });
    const first = await gw.admin.putStage(API_ID, STAGE, snapshot);
    expect(first.body).toMatchObject({ status: "applied" });
    const again = await gw.admin.putStage(API_ID, STAGE, snapshot);
    expect(again.body).toEqual({ status: "unchanged", hash: (first.body as { hash: string }).hash });
    expect((first.body as { hash: string }).hash).toBe(hashSnapshot(snapshotSchema.parse(snapshot)));
  });

  it("applies concurrent pushes one at a time, leaving the served snapshot, the state report and the file on disk in agreement", async () => {
    const snapshots = Array.from({ length: 20 }, (_, i) =>
      makeSnapshot([mockRoute("r", "GET", "/r", `{"n":${i}}`)], { deploymentId: `c${i}` }),
    );
    const responses = await Promise.all(snapshots.map((snapshot) => gw.admin.putStage(API_ID, STAGE, snapshot)));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));

    const state = (await gw.admin.request("GET", "/v1/state")).body as {
      stages: { apiId: string; stage: string; hash: string; deploymentId: string }[];
    };
    const entry = state.stages.find((stage) => stage.apiId === API_ID && stage.stage === STAGE);
    const served = (await gw.admin.request("GET", stagePath)).body as { hash: string; deploymentId: string };
    const files = await readdir(join(gw.dataDir, "stages"));
    expect(files.filter((file) => file.endsWith(".tmp"))).toEqual([]);
    const onDisk = JSON.parse(await readFile(join(gw.dataDir, "stages", `${API_ID}~${STAGE}.json`), "utf8")) as {
      hash: string;
      deploymentId: string;
    };
    expect(entry?.hash).toBe(served.hash);
    expect(onDisk.hash).toBe(served.hash);
    const proxied = await call(gw.proxyUrl, `${base}/r`);
    expect(proxied.headers["x-portico-deployment"]).toBe(served.deploymentId);
    // Serialized in arrival order: the last push that arrived is the one served.
    expect(responses.every((response) => (response.body as { status: string }).status === "applied")).toBe(true);
  });

  it("swaps snapshots while traffic flows without failing a single request", async () => {
    const make = (n: number) =>
      makeSnapshot(
        [proxyRoute("r", "GET", "/items/{id}", `${upstream.origin}/echo/items/{id}`), mockRoute(`extra${n}`, "GET", `/extra${n}`)],
        {
          deploymentId: `swap${n}`,
        },
      );
    await gw.admin.applyStage(API_ID, STAGE, make(0));
    let stop = false;
    const failures: string[] = [];
    const deployments = new Set<string>();
    let requests = 0;
    const workers = Array.from({ length: 8 }, async (_, w) => {
      while (!stop) {
        try {
          const response = await call(gw.proxyUrl, `${base}/items/${w}`);
          requests += 1;
          if (response.status !== 200) failures.push(`${response.status} ${response.text}`);
          deployments.add(String(response.headers["x-portico-deployment"]));
        } catch (error) {
          failures.push(String(error));
        }
      }
    });
    for (let n = 1; n <= 30; n++) await gw.admin.applyStage(API_ID, STAGE, make(n));
    stop = true;
    await Promise.all(workers);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(30);
    expect(deployments.size).toBeGreaterThan(1);
  });

  it("applies a snapshot of 5,000 new paths in slices, never holding the event loop for most of the push", async () => {
    const table = (variant: string) =>
      makeSnapshot(
        Array.from({ length: 5_000 }, (_, i) =>
          proxyRoute(`${variant}${i}`, "GET", `/${variant}${i % 50}/items${i}/{id}`, `${upstream.origin}/echo/${variant}/{id}`),
        ),
        { deploymentId: `table-${variant}` },
      );
    const [first, second] = [table("a"), table("b")];
    await gw.admin.applyStage(API_ID, "big", { ...first, stage: "big" });
    // The first call starts the measurement; the second reads the push's window.
    await gw.admin.request("POST", "/v1/event-loop/window");
    const started = performance.now();
    await gw.admin.applyStage(API_ID, "big", { ...second, stage: "big" });
    const pushMs = performance.now() - started;
    const window = (await gw.admin.request("POST", "/v1/event-loop/window")).body as { maxBlockMs: number; windowMs: number };
    // In one pass, compiling alone would be one block of most of the push; in slices the longest block is one
    // slice (5 ms) and a unit of work. Wall-clock blocks also count the time the operating system gave the core
    // to other processes, so on a shared machine the bound checked is relative.
    expect(window.windowMs).toBeGreaterThanOrEqual(pushMs * 0.5);
    expect(window.maxBlockMs).toBeLessThan(pushMs / 4);
    const answer = await call(gw.proxyUrl, `/${API_ID}/big/b7/items4007/x`);
    expect(answer.status).toBe(200);
    await gw.admin.request("DELETE", `/v1/apis/${API_ID}/stages/big`);
  });

  it("reports every served hash in /v1/state and forgets a deleted stage", async () => {
    await gw.admin.applyStage(API_ID, "beta", { ...makeSnapshot([mockRoute("r", "GET", "/r")]), stage: "beta" });
    const state = (await gw.admin.request("GET", "/v1/state")).body as { stages: { stage: string }[] };
    expect(state.stages.map((stage) => stage.stage)).toContain("beta");

    expect((await gw.admin.request("DELETE", `/v1/apis/${API_ID}/stages/beta`)).status).toBe(200);
    expect((await call(gw.proxyUrl, `/${API_ID}/beta/r`)).status).toBe(404);
    expect((await gw.admin.request("DELETE", `/v1/apis/${API_ID}/stages/beta`)).status).toBe(404);
    expect((await gw.admin.request("GET", `/v1/apis/${API_ID}/stages/beta`)).status).toBe(404);
    expect(await readdir(join(gw.dataDir, "stages"))).not.toContain(`${API_ID}~beta.json`);
  });

  it("rejects a consumers document with per-field errors and keeps the previous one", async () => {
    const response = await gw.admin.putConsumers({
      version: 1,
      usagePlans: [],
      apiKeys: [{ id: "k", hash: "not-a-hash", usagePlanIds: [] }],
    });
    expect(response.status).toBe(400);
    expect((response.body as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe("apiKeys[0].hash");
    const notJson = await gw.admin.request("PUT", "/v1/consumers", "{not json");
    expect(notJson.status).toBe(400);
  });
});
