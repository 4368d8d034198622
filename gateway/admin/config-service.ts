import type { z } from "zod";
import { consumersSchema, parseSnapshotSteps, type Consumers, type Snapshot, type SnapshotParseMemo } from "@/lib/contracts";
import type { CanonicalMemo } from "@/lib/contracts/hash";
import { CompileError, type FieldIssue } from "../compile/compile-error";
import { compileStage, compileStageSteps, type CompileEnv } from "../compile/compile-stage";
import { runInSlices, runToEnd, type Sliced } from "../compile/slices";
import type { CompiledStage } from "../pipeline";
import { CompiledConsumers } from "../consumers";
import type { UpstreamPools } from "../integrations/pools";
import type { LiveState } from "../live-state";
import type { Logger } from "../logger";
import type { GatewayMetrics } from "../metrics";
import type { ConfigStore } from "../persistence";
import { hashDocument, hashDocumentSteps } from "./canonical";

export type UpdateOutcome =
  | { ok: true; status: "applied" | "unchanged" | "deleted"; hash: string | null }
  | { ok: false; status: "invalid"; message: string; issues: FieldIssue[] }
  | { ok: false; status: "not_found"; message: string }
  | { ok: false; status: "failed"; message: string };

/** `routes.0.path` → `routes[0].path`, the way people read JSON paths. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(document)" : out;
}

function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

export interface ConfigServiceDeps {
  state: LiveState;
  store: ConfigStore;
  compileEnv: CompileEnv;
  pools: UpstreamPools;
  metrics: GatewayMetrics;
  logger: Logger;
  keyCacheSize: number;
  /** Worker processes serving the same configuration (cluster mode): each applied change reaches them before the push is answered. */
  replicas?: ReplicaPublisher;
}

/** A change the primary of a cluster forwards to its workers, already validated and hashed. */
export type ReplicaUpdate =
  | { kind: "stage"; snapshot: Snapshot; hash: string }
  | { kind: "delete"; apiId: string; stage: string }
  | { kind: "consumers"; doc: Consumers; hash: string };

export interface ReplicaPublisher {
  /** Resolves once every worker applied the update; rejects, saying which did not, otherwise. */
  publish(update: ReplicaUpdate): Promise<void>;
}

/** A pushed snapshot validated and hashed, ready to compile. */
type PreparedStage = { ok: true; snapshot: Snapshot; hash: string; json: string; memo: SnapshotParseMemo };

/**
 * Applies admin pushes: validate against the contract, compile beside the
 * live config, swap one reference, then persist (putting the old config
 * back if the write fails). Updates run one at a time
 * (a promise chain), so concurrent pushes cannot interleave their disk
 * writes and swaps, and the file on disk always matches what is served.
 */
export class ConfigService {
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * What parsing each served stage's snapshot left behind, by `apiId/stage`:
   * the next push of the stage validates and writes only the routes that
   * changed. Kept only for applied documents.
   */
  private readonly parseMemos = new Map<string, SnapshotParseMemo>();
  private readonly canonicalMemo: CanonicalMemo = new WeakMap();

  constructor(private readonly deps: ConfigServiceDeps) {}

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Forwards an applied change to the workers; the push fails, with a reason, when one of them did not apply it. */
  private async replicate(kind: string, update: ReplicaUpdate, applied: UpdateOutcome): Promise<UpdateOutcome> {
    if (this.deps.replicas === undefined) return this.count(kind, applied);
    try {
      await this.deps.replicas.publish(update);
    } catch (error) {
      this.deps.logger.error("A worker process did not apply a change.", { kind, error: (error as Error).message });
      return this.count(kind, {
        ok: false,
        status: "failed",
        message: `The change was saved, but not every worker process applied it (${(error as Error).message}); push it again.`,
      });
    }
    return this.count(kind, applied);
  }

  private count(kind: string, outcome: UpdateOutcome): UpdateOutcome {
    this.deps.metrics.configUpdates.inc({ kind, outcome: outcome.status });
    this.deps.metrics.stages.set(this.deps.state.stageCount);
    return outcome;
  }

  /**
   * Validates and hashes without touching live state; shared by pushes and
   * start-up loading. `previous` is the parse memo of the stage's live
   * snapshot, if any: unchanged routes are neither validated nor written again.
   */
  prepareStage(input: unknown, previous: SnapshotParseMemo | null = null): PreparedStage | Extract<UpdateOutcome, { status: "invalid" }> {
    return runToEnd(this.prepareStageSteps(input, previous));
  }

  /** `prepareStage` as sliceable work (compile/slices): validation and hashing yield every few routes. */
  *prepareStageSteps(
    input: unknown,
    previous: SnapshotParseMemo | null = null,
  ): Sliced<PreparedStage | Extract<UpdateOutcome, { status: "invalid" }>> {
    const parsed = yield* parseSnapshotSteps(input, previous);
    if (!parsed.success)
      return { ok: false, status: "invalid", message: "The snapshot does not match the contract.", issues: zodIssues(parsed.error) };
    const { hash, json } = yield* hashDocumentSteps(parsed.data, this.canonicalMemo);
    if (parsed.data.hash !== undefined && parsed.data.hash !== hash) {
      return {
        ok: false,
        status: "invalid",
        message: "The snapshot's hash does not match its content.",
        issues: [
          { path: "hash", message: `expected ${hash} (hashSnapshot of the parsed document); omit hash to let the gateway compute it` },
        ],
      };
    }
    return { ok: true, snapshot: { ...parsed.data, hash }, hash, json, memo: parsed.memo };
  }

  /**
   * A push, in slices between requests (compile/slices): each route is
   * validated (or taken over from the live snapshot's parse) and written as
   * canonical JSON a route at a time, then the routes and trees are
   * compiled the same way. No step holds the proxy for long, whatever the
   * size of the snapshot.
   */
  putStage(apiId: string, stage: string, input: unknown): Promise<UpdateOutcome> {
    return this.serialize(async () => {
      const memoKey = `${apiId}/${stage}`;
      const prepared = await runInSlices(this.prepareStageSteps(input, this.parseMemos.get(memoKey) ?? null));
      if (!prepared.ok) return this.count("snapshot", prepared);
      const { snapshot, hash, json } = prepared;
      if (snapshot.apiId !== apiId || snapshot.stage !== stage) {
        return this.count("snapshot", {
          ok: false,
          status: "invalid",
          message: "The snapshot is for another stage than the URL names.",
          issues: [
            {
              path: snapshot.apiId !== apiId ? "apiId" : "stage",
              message: `the URL names ${apiId}/${stage}, the document ${snapshot.apiId}/${snapshot.stage}`,
            },
          ],
        });
      }
      const live = this.deps.state.getStage(apiId, stage);
      if (live !== undefined && live.hash === hash) return this.count("snapshot", { ok: true, status: "unchanged", hash });

      let compiled: CompiledStage;
      try {
        compiled = await runInSlices(compileStageSteps(snapshot, hash, this.deps.compileEnv, live ?? null));
      } catch (error) {
        if (error instanceof CompileError) {
          return this.count("snapshot", {
            ok: false,
            status: "invalid",
            message: "The snapshot cannot be compiled.",
            issues: error.issues,
          });
        }
        throw error;
      }
      // Swap first, then persist: traffic gets the new config without waiting for the disk.
      // A push is acknowledged only once the file is written; if that fails, the previous
      // config is put back, so what is served still matches the data folder.
      this.deps.state.setStage(compiled);
      try {
        await this.deps.store.saveStageText(apiId, stage, json);
      } catch (error) {
        if (live !== undefined) this.deps.state.setStage(live);
        else this.deps.state.deleteStage(apiId, stage);
        this.deps.logger.error("Could not persist the snapshot; the previous one keeps serving.", {
          apiId,
          stage,
          error: (error as Error).message,
        });
        return this.count("snapshot", {
          ok: false,
          status: "failed",
          message: "The gateway could not save the snapshot to its data folder; the previous one keeps serving.",
        });
      }
      this.parseMemos.set(memoKey, prepared.memo);
      // Only now: the old config's pools had to stay open in case it was put back.
      this.deps.pools.retainOnly(this.deps.state.origins());
      this.deps.logger.info("Snapshot applied.", {
        apiId,
        stage,
        deploymentId: snapshot.deploymentId,
        hash,
        previousHash: live?.hash ?? null,
      });
      return this.replicate("snapshot", { kind: "stage", snapshot, hash }, { ok: true, status: "applied", hash });
    });
  }

  deleteStage(apiId: string, stage: string): Promise<UpdateOutcome> {
    return this.serialize(async () => {
      if (this.deps.state.getStage(apiId, stage) === undefined) {
        return this.count("snapshot", { ok: false, status: "not_found", message: `No snapshot is served for ${apiId}/${stage}.` });
      }
      try {
        await this.deps.store.deleteStage(apiId, stage);
      } catch (error) {
        return this.count("snapshot", {
          ok: false,
          status: "failed",
          message: `The gateway could not remove the stored snapshot: ${(error as Error).message}`,
        });
      }
      this.deps.state.deleteStage(apiId, stage);
      this.parseMemos.delete(`${apiId}/${stage}`);
      this.deps.pools.retainOnly(this.deps.state.origins());
      this.deps.logger.info("Stage removed.", { apiId, stage });
      return this.replicate("snapshot", { kind: "delete", apiId, stage }, { ok: true, status: "deleted", hash: null });
    });
  }

  prepareConsumers(
    input: unknown,
  ): { ok: true; doc: Consumers; hash: string; json: string } | Extract<UpdateOutcome, { status: "invalid" }> {
    const parsed = consumersSchema.safeParse(input);
    if (!parsed.success)
      return {
        ok: false,
        status: "invalid",
        message: "The consumers document does not match the contract.",
        issues: zodIssues(parsed.error),
      };
    const { hash, json } = hashDocument(parsed.data);
    if (parsed.data.hash !== undefined && parsed.data.hash !== hash) {
      return {
        ok: false,
        status: "invalid",
        message: "The consumers document's hash does not match its content.",
        issues: [{ path: "hash", message: `expected ${hash}; omit hash to let the gateway compute it` }],
      };
    }
    return { ok: true, doc: { ...parsed.data, hash }, hash, json };
  }

  putConsumers(input: unknown): Promise<UpdateOutcome> {
    return this.serialize(async () => {
      const prepared = this.prepareConsumers(input);
      if (!prepared.ok) return this.count("consumers", prepared);
      const live = this.deps.state.consumers.current;
      if (live !== null && live.hash === prepared.hash)
        return this.count("consumers", { ok: true, status: "unchanged", hash: prepared.hash });
      const compiled = new CompiledConsumers(prepared.doc, prepared.hash, this.deps.keyCacheSize);
      try {
        await this.deps.store.saveConsumersText(prepared.json);
      } catch (error) {
        this.deps.logger.error("Could not persist the consumers document; the previous one stays in force.", {
          error: (error as Error).message,
        });
        return this.count("consumers", {
          ok: false,
          status: "failed",
          message: "The gateway could not save the consumers document to its data folder; the previous one stays in force.",
        });
      }
      // A new object, so the old key cache goes with the old document: a revoked key stops working at once.
      this.deps.state.consumers.current = compiled;
      this.deps.logger.info("Consumers applied.", {
        hash: prepared.hash,
        apiKeys: prepared.doc.apiKeys.length,
        usagePlans: prepared.doc.usagePlans.length,
      });
      return this.replicate(
        "consumers",
        { kind: "consumers", doc: prepared.doc, hash: prepared.hash },
        { ok: true, status: "applied", hash: prepared.hash },
      );
    });
  }

  /** Loads the persisted state at start-up; documents that no longer validate are logged and skipped. */
  async loadPersisted(): Promise<void> {
    const { stages, consumers, problems } = await this.deps.store.loadAll();
    for (const problem of problems) this.deps.logger.warn("Skipping an unreadable stored document.", problem);
    for (const { file, doc } of stages) {
      const prepared = this.prepareStage(doc);
      if (!prepared.ok) {
        this.deps.logger.warn("Skipping a stored snapshot that no longer validates.", { file, issues: prepared.issues });
        continue;
      }
      try {
        this.deps.state.setStage(compileStage(prepared.snapshot, prepared.hash, this.deps.compileEnv));
        this.parseMemos.set(`${prepared.snapshot.apiId}/${prepared.snapshot.stage}`, prepared.memo);
      } catch (error) {
        this.deps.logger.warn("Skipping a stored snapshot that cannot be compiled.", { file, error: (error as Error).message });
      }
    }
    if (consumers !== null) {
      const prepared = this.prepareConsumers(consumers);
      if (prepared.ok) this.deps.state.consumers.current = new CompiledConsumers(prepared.doc, prepared.hash, this.deps.keyCacheSize);
      else this.deps.logger.warn("Skipping the stored consumers document: it no longer validates.", { issues: prepared.issues });
    }
    this.deps.metrics.stages.set(this.deps.state.stageCount);
    this.deps.logger.info("Loaded stored configuration.", {
      stages: this.deps.state.stageCount,
      consumers: this.deps.state.consumers.current?.hash ?? null,
    });
  }

  /** Everything applied, as updates: what a worker process that (re)starts is sent first. */
  currentUpdates(): ReplicaUpdate[] {
    const updates: ReplicaUpdate[] = [];
    for (const stage of this.deps.state.stages()) updates.push({ kind: "stage", snapshot: stage.snapshot, hash: stage.hash });
    const consumers = this.deps.state.consumers.current;
    if (consumers !== null) updates.push({ kind: "consumers", doc: consumers.doc, hash: consumers.hash });
    return updates;
  }

  /** Hashes of everything served, for the console's convergence checks. */
  describe(): {
    stages: { apiId: string; stage: string; hash: string; deploymentId: string; canaryDeploymentId: string | null }[];
    consumers: { hash: string } | null;
  } {
    const stages = [...this.deps.state.stages()].map((stage) => ({
      apiId: stage.apiId,
      stage: stage.stage,
      hash: stage.hash,
      deploymentId: stage.snapshot.deploymentId,
      canaryDeploymentId: stage.canary?.deploymentId ?? null,
    }));
    stages.sort((a, b) => (a.apiId === b.apiId ? a.stage.localeCompare(b.stage) : a.apiId.localeCompare(b.apiId)));
    const consumers = this.deps.state.consumers.current;
    return { stages, consumers: consumers !== null ? { hash: consumers.hash } : null };
  }
}
