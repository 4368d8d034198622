import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UpstreamPools } from "../integrations/pools";
import { LiveState } from "../live-state";
import { silentLogger } from "../logger";
import { GatewayMetrics } from "../metrics";
import { ConfigStore } from "../persistence";
import { memoryCompileEnv } from "@/test/support/gateway/compile-env";
import { API_ID, STAGE, makeSnapshot, mockRoute } from "@/test/support/gateway/fixtures";
import { ConfigService } from "./config-service";

/** A data folder whose stage writes can be made to fail, as a full disk would. */
class FlakyStore extends ConfigStore {
  failWrites = false;
  override async saveStageText(apiId: string, stage: string, json: string): Promise<void> {
    if (this.failWrites) throw new Error("ENOSPC: no space left on device");
    await super.saveStageText(apiId, stage, json);
  }
}

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function setup() {
  const folder = await mkdtemp(join(tmpdir(), "portico-config-service-"));
  folders.push(folder);
  const store = new FlakyStore(folder);
  await store.init();
  const state = new LiveState();
  const metrics = new GatewayMetrics();
  const pools = new UpstreamPools();
  const compileEnv = memoryCompileEnv({ consumers: state.consumers, pools, metrics, maxBodyBytes: 1024 });
  const service = new ConfigService({ state, store, compileEnv, pools, metrics, logger: silentLogger, keyCacheSize: 10 });
  return { service, state, store };
}

describe("applying a pushed snapshot", () => {
  it("answers only once the data folder holds it, and the stored file reloads to the same hash", async () => {
    const { service, store } = await setup();
    const outcome = await service.putStage(API_ID, STAGE, makeSnapshot([mockRoute("a", "GET", "/a")]));
    expect(outcome).toMatchObject({ ok: true, status: "applied" });
    const { stages } = await store.loadAll();
    const reloaded = service.prepareStage(stages[0]?.doc);
    expect(reloaded.ok && reloaded.hash).toBe(outcome.ok ? outcome.hash : "");
  });

  it("puts the previous snapshot back when the new one cannot be written, so what is served matches the data folder", async () => {
    const { service, state, store } = await setup();
    const first = await service.putStage(API_ID, STAGE, makeSnapshot([mockRoute("a", "GET", "/a")]));
    store.failWrites = true;
    const second = await service.putStage(API_ID, STAGE, makeSnapshot([mockRoute("b", "GET", "/b")]));
    expect(second).toMatchObject({ ok: false, status: "failed" });
    expect(state.getStage(API_ID, STAGE)?.hash).toBe(first.ok ? first.hash : "");
  });

  it("serves nothing for a new stage whose first snapshot cannot be written", async () => {
    const { service, state, store } = await setup();
    store.failWrites = true;
    expect(await service.putStage(API_ID, STAGE, makeSnapshot([mockRoute("a", "GET", "/a")]))).toMatchObject({ status: "failed" });
    expect(state.getStage(API_ID, STAGE)).toBeUndefined();
  });
});

describe("pushing the next version of a stage", () => {
  it("takes over unchanged routes and route trees, rebuilds what changed, and serves exactly the new snapshot", async () => {
    const { service, state } = await setup();
    const routes = [mockRoute("a", "GET", "/a"), mockRoute("b", "GET", "/b/{id}"), mockRoute("c", "POST", "/c")];
    await service.putStage(API_ID, STAGE, makeSnapshot(routes));
    const first = state.getStage(API_ID, STAGE)!;

    const changed = [routes[0], mockRoute("b", "GET", "/b/{id}", '{"route":"b2"}'), routes[2]];
    const outcome = await service.putStage(API_ID, STAGE, makeSnapshot(changed));
    expect(outcome).toMatchObject({ ok: true, status: "applied" });
    const second = state.getStage(API_ID, STAGE)!;
    expect(second.snapshot.routes[0]).toBe(first.snapshot.routes[0]);
    expect(second.primary.routesById.get("a")).toBe(first.primary.routesById.get("a"));
    expect(second.primary.routesById.get("b")).not.toBe(first.primary.routesById.get("b"));
    expect(second.primary.router.stats).toEqual({ reusedTrees: 3, builtTrees: 0 });
    expect(second.primary.router.find("GET", "/b/7")?.store.definition.integration).toMatchObject({ mock: { body: '{"route":"b2"}' } });
    // The hash is the document's, however much of it was reused.
    const fresh = service.prepareStage(
      makeSnapshot(changed, { deploymentId: second.snapshot.deploymentId, createdAt: second.snapshot.createdAt }),
    );
    expect(fresh.ok && fresh.hash).toBe(second.hash);

    await service.putStage(API_ID, STAGE, makeSnapshot([...changed, mockRoute("d", "GET", "/d")]));
    // Trees are per method and first segment: adding GET /d builds only its own.
    expect(state.getStage(API_ID, STAGE)!.primary.router.stats).toEqual({ reusedTrees: 3, builtTrees: 1 });
  });

  it("validates a changed route again: an invalid one is refused and the previous snapshot keeps serving", async () => {
    const { service, state } = await setup();
    await service.putStage(API_ID, STAGE, makeSnapshot([mockRoute("a", "GET", "/a")]));
    const before = state.getStage(API_ID, STAGE)!.hash;
    const outcome = await service.putStage(API_ID, STAGE, makeSnapshot([mockRoute("a", "GET", "/a/{proxy+}/x")]));
    expect(outcome).toMatchObject({ ok: false, status: "invalid", issues: [{ path: "routes[0].path" }] });
    expect(state.getStage(API_ID, STAGE)!.hash).toBe(before);
  });
});
