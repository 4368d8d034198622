import { describe, expect, it } from "vitest";
import { makeSnapshot, proxyRoute } from "@/test/support/gateway/fixtures";
import { memoryCompileEnv } from "@/test/support/gateway/compile-env";
import { parseSnapshot } from "@/lib/contracts";
import { compileStage, compileStageSteps } from "./compile-stage";
import { runInSlices, runToEnd, type Sliced } from "./slices";

function* countTo(n: number): Sliced<number> {
  let i = 0;
  for (; i < n; i++) yield;
  return i;
}

function bigSnapshot() {
  const parsed = parseSnapshot(
    makeSnapshot(
      Array.from({ length: 1_500 }, (_, i) => proxyRoute(`r${i}`, "GET", `/g${i % 40}/items${i}/{id}`, "http://127.0.0.1:9/echo/{id}")),
    ),
  );
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

describe("compile slices", () => {
  it("runs work to its end at once, or in slices, to the same result", async () => {
    expect(runToEnd(countTo(1000))).toBe(1000);
    expect(await runInSlices(countTo(1000))).toBe(1000);
  });

  it("hands the event loop back while a large snapshot compiles, so requests waiting are served in between", async () => {
    const snapshot = bigSnapshot();
    let turns = 0;
    let compiling = true;
    const ticker = (): void => {
      turns += 1;
      if (compiling) setImmediate(ticker);
    };
    setImmediate(ticker);
    const compiled = await runInSlices(compileStageSteps(snapshot, "h", memoryCompileEnv()), 1);
    compiling = false;
    // 1,500 routes and their trees take tens of milliseconds at least: dozens of slices of 1 ms.
    expect(turns).toBeGreaterThan(10);
    expect(compiled.primary.routes).toHaveLength(1_500);
    expect(compiled.primary.router.find("GET", "/g7/items1007/x")?.store.id).toBe("r1007");
  }, 30_000);

  it("builds in slices what one pass builds", async () => {
    const snapshot = bigSnapshot();
    const sliced = await runInSlices(compileStageSteps(snapshot, "h", memoryCompileEnv()), 1);
    const whole = compileStage(snapshot, "h", memoryCompileEnv());
    for (const path of ["/g0/items0/a", "/g19/items1499/b", "/g1/items2/c", "/nope"]) {
      expect(sliced.primary.router.find("GET", path)?.store.id).toBe(whole.primary.router.find("GET", path)?.store.id);
    }
  }, 30_000);
});
