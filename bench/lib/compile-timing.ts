import { parseSnapshot, type SnapshotInput, type SnapshotParseMemo } from "@/lib/contracts";
import { hashDocument } from "@/gateway/admin/canonical";
import { compileStage } from "@/gateway/compile/compile-stage";
import type { CompiledStage } from "@/gateway/pipeline";
import { memoryCompileEnv } from "@/test/support/gateway/compile-env";
import { median } from "./stats";

export interface StepTiming {
  p50: number;
  /** Best run: the closest to an uncontended core when other work shares the machine. */
  min: number;
  max: number;
}

export interface CompileTiming {
  runs: number;
  /** Validation against the contract (parseSnapshot). */
  validate: StepTiming;
  /** Content hash and canonical JSON of the parsed document. */
  hash: StepTiming;
  /** Router, plugin chains and integrations. */
  compile: StepTiming;
  /** The three together. */
  total: StepTiming;
}

function timing(values: number[]): StepTiming {
  return { p50: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Times what the admin API does with a snapshot, step by step, in this
 * process: no HTTP, no JSON transfer, no persistence. `versions(i)` is the
 * i-th document pushed; each is prepared with what the previous one left
 * (parse memo, canonical JSON of routes, compiled routes and trees), as the
 * gateway does for consecutive pushes of one stage.
 */
export function measureCompile(versions: (i: number) => SnapshotInput, runs = 7): CompileTiming {
  const env = memoryCompileEnv();
  const canonicalMemo = new WeakMap<object, string>();
  const steps = { validate: [] as number[], hash: [] as number[], compile: [] as number[], total: [] as number[] };
  let memo: SnapshotParseMemo | null = null;
  let live: CompiledStage | null = null;
  // Round 0 loads the first version, as the gateway's first push would; it is not counted.
  for (let i = 0; i <= runs; i++) {
    // A copy as the admin API gets it: parsed from the request body.
    const input: unknown = JSON.parse(JSON.stringify(versions(i)));
    let started = performance.now();
    const parsed = parseSnapshot(input, memo);
    if (!parsed.success) throw parsed.error;
    const validate = performance.now() - started;
    started = performance.now();
    const { hash } = hashDocument(parsed.data, canonicalMemo);
    const hashMs = performance.now() - started;
    started = performance.now();
    live = compileStage(parsed.data, hash, env, live);
    const compile = performance.now() - started;
    memo = parsed.memo;
    if (i === 0) continue;
    steps.validate.push(validate);
    steps.hash.push(hashMs);
    steps.compile.push(compile);
    steps.total.push(validate + hashMs + compile);
  }
  return { runs, validate: timing(steps.validate), hash: timing(steps.hash), compile: timing(steps.compile), total: timing(steps.total) };
}
