import "server-only";

import { consumersSchema, CONSUMERS_VERSION, type Consumers, type ConsumersInput } from "@/lib/contracts";
import { hashSnapshot } from "@/lib/contracts/hash";
import { prisma, type Db } from "@/lib/server/db";
import { planQuota, planThrottle } from "@/lib/server/usage-plans/serialize-usage-plan";

/** Joins a resource path and a method the way the contract keys per-method throttles: `/pets/{petId}/GET`. */
export function methodThrottleKey(resourcePath: string, httpMethod: string): string {
  return `${resourcePath}/${httpMethod === "ANY" ? "*" : httpMethod}`;
}

/**
 * Compiles the consumers document every gateway node enforces: each usage
 * plan with its API stages and per-method throttles, and each key that can
 * still be used (not revoked, and not past the grace period of a rotation),
 * by hash only. Disabled keys stay in the document with `enabled: false` so
 * that the gateway refuses them the same way as unknown keys.
 *
 * The document carries no creation time: the same keys and plans always give
 * the same hash, so pushing an unchanged document is a no-op on the nodes.
 */
export async function compileConsumers(db: Db = prisma, now: Date = new Date()): Promise<Consumers> {
  const [plans, keys] = await Promise.all([
    db.usagePlan.findMany({
      orderBy: { id: "asc" },
      include: {
        stages: {
          include: { stage: { select: { apiId: true, name: true } }, methodThrottles: true },
        },
      },
    }),
    db.apiKey.findMany({
      where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      orderBy: { id: "asc" },
      include: { usagePlans: { select: { usagePlanId: true }, orderBy: { usagePlanId: "asc" } } },
    }),
  ]);

  const input: ConsumersInput = {
    version: CONSUMERS_VERSION,
    usagePlans: plans.map((plan) => ({
      id: plan.id,
      name: plan.name,
      throttle: planThrottle(plan) ?? undefined,
      quota: planQuota(plan) ?? undefined,
      apiStages: plan.stages
        .map((planStage) => ({
          apiId: planStage.stage.apiId,
          stage: planStage.stage.name,
          throttle: Object.fromEntries(
            planStage.methodThrottles
              .map((t) => [methodThrottleKey(t.resourcePath, t.httpMethod), { rateLimit: t.rateLimit, burstLimit: t.burstLimit }] as const)
              .sort(([a], [b]) => a.localeCompare(b)),
          ),
        }))
        .sort((a, b) => `${a.apiId}/${a.stage}`.localeCompare(`${b.apiId}/${b.stage}`)),
    })),
    apiKeys: keys.map((key) => ({
      id: key.id,
      hash: key.keyHash,
      prefix: key.displayPrefix,
      enabled: key.enabled,
      expiresAt: key.expiresAt?.toISOString() ?? null,
      usagePlanIds: key.usagePlans.map((link) => link.usagePlanId),
    })),
  };

  // Parsing fills the contract's defaults, so the hash below is the one each
  // node computes; a document the contract refuses fails here, in the console,
  // with the offending fields named, rather than on every node.
  const doc = consumersSchema.parse(input);
  return { ...doc, hash: hashSnapshot(doc) };
}
