import { createHash } from "node:crypto";
import { parseMethodThrottleKey, type Consumers, type QuotaPeriod } from "@/lib/contracts";
import { LruCache } from "./key-cache";

/** A token bucket as the throttle plugins use it: rate, burst and the counter key, built once. */
export interface ThrottleSpec {
  readonly rate: number;
  readonly burst: number;
  readonly bucketKey: string;
}

export interface QuotaSpec {
  readonly limit: number;
  readonly period: QuotaPeriod;
  readonly counterKey: string;
}

/** What one key may do on one API stage, from the usage plan that covers it. */
export interface KeyStagePlan {
  readonly planId: string;
  readonly throttle: ThrottleSpec | null;
  /** Per-method overrides keyed `<resourcePath>/<METHOD>`; null when the plan has none. */
  readonly methodThrottles: Map<string, ThrottleSpec> | null;
  readonly quota: QuotaSpec | null;
}

export interface KeyRecord {
  readonly id: string;
  readonly enabled: boolean;
  /** Epoch ms after which the key is refused; Infinity when it does not expire. */
  readonly expiresAt: number;
  /** Keyed `<apiId>/<stage>`. */
  readonly stages: Map<string, KeyStagePlan>;
}

export function stageKeyOf(apiId: string, stage: string): string {
  return `${apiId}/${stage}`;
}

/**
 * The consumers document compiled for lookups: key hash → key record with
 * each stage's limits resolved, counter keys included, so a request does
 * no string building to find its bucket.
 */
export class CompiledConsumers {
  private readonly byHash = new Map<string, KeyRecord>();
  readonly byId = new Map<string, KeyRecord>();
  private readonly cache: LruCache<string, KeyRecord>;

  constructor(
    readonly doc: Consumers,
    readonly hash: string,
    cacheSize: number,
  ) {
    this.cache = new LruCache(cacheSize);
    const plans = new Map(doc.usagePlans.map((plan) => [plan.id, plan]));
    for (const key of doc.apiKeys) {
      const stages = new Map<string, KeyStagePlan>();
      for (const planId of key.usagePlanIds) {
        const plan = plans.get(planId);
        if (plan === undefined) continue;
        for (const apiStage of plan.apiStages) {
          const stageKey = stageKeyOf(apiStage.apiId, apiStage.stage);
          const bucketBase = `tb:${apiStage.apiId}:${apiStage.stage}:${key.id}`;
          let methodThrottles: Map<string, ThrottleSpec> | null = null;
          for (const [methodKey, throttle] of Object.entries(apiStage.throttle)) {
            const parsed = parseMethodThrottleKey(methodKey);
            if (parsed === null) continue;
            const normalized = `${parsed.path}/${parsed.method}`;
            methodThrottles ??= new Map();
            methodThrottles.set(normalized, {
              rate: throttle.rateLimit,
              burst: throttle.burstLimit,
              bucketKey: `${bucketBase}:${normalized}`,
            });
          }
          stages.set(stageKey, {
            planId: plan.id,
            throttle: plan.throttle ? { rate: plan.throttle.rateLimit, burst: plan.throttle.burstLimit, bucketKey: bucketBase } : null,
            methodThrottles,
            quota: plan.quota ? { limit: plan.quota.limit, period: plan.quota.period, counterKey: `q:${plan.id}:${key.id}` } : null,
          });
        }
      }
      const record: KeyRecord = {
        id: key.id,
        enabled: key.enabled,
        expiresAt: key.expiresAt ? Date.parse(key.expiresAt) : Number.POSITIVE_INFINITY,
        stages,
      };
      this.byHash.set(key.hash, record);
      this.byId.set(key.id, record);
    }
  }

  // Hot path: every keyed request. A cache hit spares the SHA-256 (~1 µs).
  // Unknown keys are not cached, so guessing keys cannot evict real ones.
  lookup(rawKey: string): KeyRecord | undefined {
    const cached = this.cache.get(rawKey);
    if (cached !== undefined) return cached;
    const record = this.byHash.get(createHash("sha256").update(rawKey).digest("hex"));
    if (record !== undefined) this.cache.set(rawKey, record);
    return record;
  }
}
