import { snapshotSchema } from "@/lib/contracts";
import type { SnapshotInput } from "@/lib/contracts";
import { hashDocument } from "@/gateway/admin/canonical";
import { compileStage } from "@/gateway/compile/compile-stage";
import type { CompileEnv } from "@/gateway/compile/compile-stage";
import { UpstreamPools } from "@/gateway/integrations/pools";
import { GatewayMetrics } from "@/gateway/metrics";
import { createStoreErrorReporter, MemoryCounterStore } from "@/gateway/stores";
import { median } from "./stats";

export interface StepTiming {
  p50: number;
  /** Best run: the closest to an uncontended core when other work shares the machine. */
  min: number;
  max: number;
}

export interface CompileTiming {
  runs: number;
  /** zod validation of the document. */
  validate: StepTiming;
  /** Content hash of the parsed document. */
  hash: StepTiming;
  /** Router, plugin chains and integrations. */
  compile: StepTiming;
  /** The same snapshot again with the first one live: every route taken over, only the router rebuilt. */
  recompile: StepTiming;
}

function timing(values: number[]): StepTiming {
  return { p50: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Times what the admin API does with a snapshot, step by step, in this
 * process: no HTTP, no JSON transfer, no persistence.
 */
export async function measureCompile(snapshot: SnapshotInput, runs = 7): Promise<CompileTiming> {
  const env: CompileEnv = {
    plugins: {
      store: new MemoryCounterStore(),
      reporter: createStoreErrorReporter({ log: () => {} }),
      storeFailure: "open",
      consumers: { current: null },
      maxBodyBytes: 10 * 1024 * 1024,
    },
    pools: new UpstreamPools(),
    metrics: new GatewayMetrics(),
  };
  const steps = { validate: [] as number[], hash: [] as number[], compile: [] as number[], recompile: [] as number[] };
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    const parsed = snapshotSchema.parse(snapshot);
    steps.validate.push(performance.now() - started);
    started = performance.now();
    const { hash } = hashDocument(parsed);
    steps.hash.push(performance.now() - started);
    started = performance.now();
    const live = compileStage(parsed, hash, env);
    steps.compile.push(performance.now() - started);
    started = performance.now();
    compileStage(parsed, hash, env, live);
    steps.recompile.push(performance.now() - started);
  }
  return {
    runs,
    validate: timing(steps.validate),
    hash: timing(steps.hash),
    compile: timing(steps.compile),
    recompile: timing(steps.recompile),
  };
}
