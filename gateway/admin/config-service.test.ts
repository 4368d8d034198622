import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryCounterStore, createStoreErrorReporter } from "@/gateway/stores";
import type { CompileEnv } from "../compile/compile-stage";
import { UpstreamPools } from "../integrations/pools";
import { LiveState } from "../live-state";
import { silentLogger } from "../logger";
import { GatewayMetrics } from "../metrics";
import { ConfigStore } from "../persistence";
import { API_ID, STAGE, makeSnapshot, mockRoute } from "../test-support/fixtures";
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
  const compileEnv: CompileEnv = {
    plugins: {
      store: new MemoryCounterStore(),
      reporter: createStoreErrorReporter({ log: () => {} }),
      storeFailure: "open",
      consumers: state.consumers,
      maxBodyBytes: 1024,
    },
    pools,
    metrics,
  };
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
