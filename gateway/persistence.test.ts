import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigStore } from "./persistence";

describe("stored configuration", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "portico-persistence-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads back what it wrote, one file per stage plus consumers, with no temporary files left", async () => {
    const store = new ConfigStore(dir);
    await store.init();
    await store.saveStage("api", "prod", { n: 1 });
    await store.saveStage("api", "prod", { n: 2 });
    await store.saveStage("api", "dev", { n: 3 });
    await store.saveConsumers({ keys: 1 });
    const loaded = await store.loadAll();
    expect(loaded.stages.map((entry) => entry.doc)).toEqual([{ n: 3 }, { n: 2 }]);
    expect(loaded.consumers).toEqual({ keys: 1 });
    expect(loaded.problems).toEqual([]);
    expect((await readdir(join(dir, "stages"))).sort()).toEqual(["api~dev.json", "api~prod.json"]);
  });

  it("forgets a deleted stage and tolerates deleting one that is not there", async () => {
    const store = new ConfigStore(dir);
    await store.init();
    await store.saveStage("api", "prod", { n: 1 });
    await store.deleteStage("api", "prod");
    await store.deleteStage("api", "prod");
    expect((await store.loadAll()).stages).toEqual([]);
  });

  it("reports an unreadable file instead of failing the start, and clears temporary files a crash left", async () => {
    const store = new ConfigStore(dir);
    await store.init();
    await writeFile(join(dir, "stages", "api~broken.json"), "{not json");
    await writeFile(join(dir, "stages", "api~prod.json.123.1.tmp"), "partial");
    await new ConfigStore(dir).init();
    const loaded = await store.loadAll();
    expect(loaded.problems.map((problem) => problem.file)).toEqual([join(dir, "stages", "api~broken.json")]);
    expect(await readdir(join(dir, "stages"))).toEqual(["api~broken.json"]);
  });
});
