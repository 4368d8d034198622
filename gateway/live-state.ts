import type { CompiledStage } from "./pipeline";
import type { CompiledConsumers } from "./consumers";

/** The consumers document in force; plugins read `current` per request, so a push applies at once. */
export interface ConsumersRef {
  current: CompiledConsumers | null;
}

/**
 * What the proxy serves. Each stage is replaced by setting one Map entry to
 * a fully compiled object: a request sees either the old stage or the new
 * one, never a mix, and requests already running keep the object they
 * started with.
 */
export class LiveState {
  private readonly apis = new Map<string, Map<string, CompiledStage>>();
  readonly consumers: ConsumersRef = { current: null };

  // Hot path: two Map lookups, no string building.
  getStage(apiId: string, stage: string): CompiledStage | undefined {
    const stages = this.apis.get(apiId);
    return stages !== undefined ? stages.get(stage) : undefined;
  }

  setStage(compiled: CompiledStage): void {
    let stages = this.apis.get(compiled.apiId);
    if (stages === undefined) {
      stages = new Map();
      this.apis.set(compiled.apiId, stages);
    }
    stages.set(compiled.stage, compiled);
  }

  deleteStage(apiId: string, stage: string): boolean {
    const stages = this.apis.get(apiId);
    if (stages === undefined || !stages.delete(stage)) return false;
    if (stages.size === 0) this.apis.delete(apiId);
    return true;
  }

  *stages(): IterableIterator<CompiledStage> {
    for (const stages of this.apis.values()) yield* stages.values();
  }

  get stageCount(): number {
    let count = 0;
    for (const stages of this.apis.values()) count += stages.size;
    return count;
  }

  /** Upstream origins any live stage sends to. */
  origins(): Set<string> {
    const origins = new Set<string>();
    for (const stage of this.stages()) {
      for (const origin of stage.primary.origins) origins.add(origin);
      if (stage.canary !== null) for (const origin of stage.canary.origins) origins.add(origin);
    }
    return origins;
  }
}
