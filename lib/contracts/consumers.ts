import { z } from "zod";
import { identifierSchema, resourcePathSchema, routeMethodSchema, sha256HexSchema, throttleSchema } from "./snapshot";

/**
 * The consumers document: every API key and usage plan a gateway enforces.
 * Pushed separately from snapshots so that key and plan changes reach the
 * gateway without a redeploy. Keys appear only as SHA-256 hashes.
 *
 * Per-method throttles are keyed as API Gateway does: `<resourcePath>/<METHOD>`,
 * e.g. `/pets/{petId}/GET` (method `ANY` or `*` for every method of a resource).
 */
export const CONSUMERS_VERSION = 1 as const;

export const quotaPeriodSchema = z.enum(["DAY", "WEEK", "MONTH"]);
export type QuotaPeriod = z.infer<typeof quotaPeriodSchema>;

export const quotaSchema = z.object({
  limit: z.number().int().min(0).max(2_000_000_000),
  period: quotaPeriodSchema,
});
export type Quota = z.infer<typeof quotaSchema>;

const METHOD_THROTTLE_KEY = /^(\/.*)\/([A-Z]+|\*)$/;

/** Splits `/pets/{petId}/GET` into its resource path and method; null when malformed. */
export function parseMethodThrottleKey(key: string): { path: string; method: string } | null {
  const match = METHOD_THROTTLE_KEY.exec(key);
  if (match === null) return null;
  const path = match[1] === "" ? "/" : (match[1] ?? "/");
  const method = match[2] === "*" ? "ANY" : (match[2] ?? "");
  if (!routeMethodSchema.safeParse(method).success) return null;
  if (!resourcePathSchema.safeParse(path).success) return null;
  return { path, method };
}

export const methodThrottleKeySchema = z
  .string()
  .max(2100)
  .refine((key) => parseMethodThrottleKey(key) !== null, "use '<resourcePath>/<METHOD>', e.g. '/pets/{petId}/GET'");

export const apiStageSchema = z.object({
  apiId: identifierSchema,
  stage: identifierSchema,
  /** Per-method throttles for this stage, overriding the plan's throttle. */
  throttle: z.record(methodThrottleKeySchema, throttleSchema).default({}),
});
export type ApiStage = z.infer<typeof apiStageSchema>;

export const usagePlanSchema = z.object({
  id: identifierSchema,
  name: z.string().max(1024).optional(),
  throttle: throttleSchema.optional(),
  quota: quotaSchema.optional(),
  apiStages: z.array(apiStageSchema).max(10_000),
});
export type UsagePlan = z.infer<typeof usagePlanSchema>;

export const apiKeySchema = z.object({
  id: identifierSchema,
  /** SHA-256 (lowercase hex) of the key's plaintext value. */
  hash: sha256HexSchema,
  /** First characters of the key, for people reading logs and the console. */
  prefix: z.string().max(32).optional(),
  enabled: z.boolean().default(true),
  /** After this moment the key is refused (rotation grace for a replaced key). */
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  usagePlanIds: z.array(identifierSchema).max(1_000),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const consumersSchema = z
  .object({
    version: z.literal(CONSUMERS_VERSION),
    hash: sha256HexSchema.optional(),
    createdAt: z.iso.datetime({ offset: true }).optional(),
    usagePlans: z.array(usagePlanSchema).max(100_000),
    apiKeys: z.array(apiKeySchema).max(1_000_000),
  })
  .superRefine((doc, ctx) => {
    const plans = new Map<string, UsagePlan>();
    doc.usagePlans.forEach((plan, index) => {
      if (plans.has(plan.id)) {
        ctx.addIssue({ code: "custom", path: ["usagePlans", index, "id"], message: `usage plan id '${plan.id}' is used twice` });
      }
      plans.set(plan.id, plan);
    });
    const keyIds = new Set<string>();
    const keyHashes = new Set<string>();
    doc.apiKeys.forEach((key, index) => {
      if (keyIds.has(key.id)) {
        ctx.addIssue({ code: "custom", path: ["apiKeys", index, "id"], message: `API key id '${key.id}' is used twice` });
      }
      keyIds.add(key.id);
      if (keyHashes.has(key.hash)) {
        ctx.addIssue({ code: "custom", path: ["apiKeys", index, "hash"], message: "two API keys have the same hash" });
      }
      keyHashes.add(key.hash);
      // As in API Gateway, a key may belong to only one plan per API stage:
      // otherwise which throttle and quota apply would be ambiguous.
      const stages = new Map<string, string>();
      key.usagePlanIds.forEach((planId, planIndex) => {
        const plan = plans.get(planId);
        if (plan === undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["apiKeys", index, "usagePlanIds", planIndex],
            message: `usage plan '${planId}' is not in this document`,
          });
          return;
        }
        for (const apiStage of plan.apiStages) {
          const stageKey = `${apiStage.apiId}/${apiStage.stage}`;
          const other = stages.get(stageKey);
          if (other !== undefined && other !== planId) {
            ctx.addIssue({
              code: "custom",
              path: ["apiKeys", index, "usagePlanIds", planIndex],
              message: `usage plans '${other}' and '${planId}' both cover ${stageKey}; a key may be in one plan per API stage`,
            });
          }
          stages.set(stageKey, planId);
        }
      });
    });
  });

export type Consumers = z.infer<typeof consumersSchema>;
export type ConsumersInput = z.input<typeof consumersSchema>;
