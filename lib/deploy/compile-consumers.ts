import { consumersSchema, CONSUMERS_VERSION, type Consumers, type ConsumersInput, type Quota, type Throttle } from "@/lib/contracts";
import { hashSnapshot } from "@/lib/contracts/hash";

/** Joins a resource path and a method the way the contract keys per-method throttles: `/pets/{petId}/GET`. */
export function methodThrottleKey(resourcePath: string, httpMethod: string): string {
  return `${resourcePath}/${httpMethod === "ANY" ? "*" : httpMethod}`;
}

/** A usage plan as loaded from the database: its limits and the stages it covers. */
export type PlanSource = {
  id: string;
  name: string;
  throttle: Throttle | null;
  quota: Quota | null;
  stages: {
    apiId: string;
    stage: string;
    methodThrottles: { resourcePath: string; httpMethod: string; rateLimit: number; burstLimit: number }[];
  }[];
};

/** A key that can still be used (not revoked, not past a rotation's grace period), by hash only. */
export type KeySource = {
  id: string;
  keyHash: string;
  displayPrefix: string;
  enabled: boolean;
  expiresAt: Date | null;
  usagePlanIds: string[];
};

export type ConsumersSource = { plans: PlanSource[]; keys: KeySource[] };

/**
 * Compiles the consumers document every gateway node enforces: each usage
 * plan with its API stages and per-method throttles, and each usable key.
 * Disabled keys stay in the document with `enabled: false` so that the
 * gateway refuses them the same way as unknown keys.
 *
 * The document carries no creation time and everything in it is sorted: the
 * same keys and plans always give the same hash, so pushing an unchanged
 * document is a no-op on the nodes.
 */
export function compileConsumers({ plans, keys }: ConsumersSource): Consumers {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const input: ConsumersInput = {
    version: CONSUMERS_VERSION,
    usagePlans: [...plans].sort(byId).map((plan) => ({
      id: plan.id,
      name: plan.name,
      throttle: plan.throttle ?? undefined,
      quota: plan.quota ?? undefined,
      apiStages: plan.stages
        .map((planStage) => ({
          apiId: planStage.apiId,
          stage: planStage.stage,
          throttle: Object.fromEntries(
            planStage.methodThrottles
              .map((t) => [methodThrottleKey(t.resourcePath, t.httpMethod), { rateLimit: t.rateLimit, burstLimit: t.burstLimit }] as const)
              .sort(([a], [b]) => a.localeCompare(b)),
          ),
        }))
        .sort((a, b) => `${a.apiId}/${a.stage}`.localeCompare(`${b.apiId}/${b.stage}`)),
    })),
    apiKeys: [...keys].sort(byId).map((key) => ({
      id: key.id,
      hash: key.keyHash,
      prefix: key.displayPrefix,
      enabled: key.enabled,
      expiresAt: key.expiresAt?.toISOString() ?? null,
      usagePlanIds: [...key.usagePlanIds].sort(),
    })),
  };

  // Parsing fills the contract's defaults, so the hash below is the one each
  // node computes; a document the contract refuses fails here, in the console,
  // with the offending fields named, rather than on every node.
  const doc = consumersSchema.parse(input);
  return { ...doc, hash: hashSnapshot(doc) };
}
