import type { SnapshotInput } from "@/lib/contracts";
import { median } from "./stats";

export interface CompileTiming {
  runs: number;
  p50: number;
  max: number;
}

/**
 * Times the gateway's snapshot compiler in this process, without HTTP, JSON
 * transfer or persistence. Returns null when the compiler is not available.
 */
export async function measureCompile(snapshot: SnapshotInput, runs = 7): Promise<CompileTiming | null> {
  let compile: ((snapshot: SnapshotInput) => unknown) | null = null;
  try {
    const module = (await import("@/gateway/compile" as string)) as Record<string, unknown>;
    const candidate = module.compileSnapshot ?? module.compileStage;
    if (typeof candidate === "function") compile = candidate as (snapshot: SnapshotInput) => unknown;
  } catch {
    return null;
  }
  if (compile === null) return null;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await compile(snapshot);
    times.push(performance.now() - started);
  }
  return { runs, p50: median(times), max: Math.max(...times) };
}
