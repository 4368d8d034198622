import { z } from "zod";

import { identifierSchema, resourcePathSchema } from "@/lib/contracts/snapshot";

import { cursorSchema, descriptionSchema, idSchema, limitSchema, nameSchema, pageSchema, timestampSchema } from "./common";

// Usage plans: throttle and quota for the API stages they cover, with
// optional per-method throttles. Shapes follow API Gateway's CreateUsagePlan.

export const QUOTA_PERIODS = ["DAY", "WEEK", "MONTH"] as const;
export const quotaPeriodSchema = z.enum(QUOTA_PERIODS);

export const ThrottleSchema = z
  .strictObject({
    rateLimit: z
      .number({ error: "rateLimit must be a number of requests per second" })
      .min(0, "rateLimit must be 0 or more")
      .max(1_000_000, "rateLimit must be at most 1,000,000 requests per second"),
    burstLimit: z
      .number({ error: "burstLimit must be a whole number of requests" })
      .int("burstLimit must be a whole number")
      .min(0, "burstLimit must be 0 or more")
      .max(1_000_000, "burstLimit must be at most 1,000,000"),
  })
  .meta({ id: "Throttle", description: "Token bucket: rateLimit requests per second on average, burstLimit at once." });

export const QuotaSchema = z
  .strictObject({
    limit: z
      .number({ error: "limit must be a whole number of requests" })
      .int("limit must be a whole number")
      .min(0, "limit must be 0 or more")
      .max(2_000_000_000, "limit must be at most 2,000,000,000"),
    period: quotaPeriodSchema,
  })
  .meta({ id: "Quota", description: "At most `limit` requests per key in each calendar DAY, WEEK or MONTH (UTC)." });

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;

export const MethodThrottleSchema = z
  .strictObject({
    path: resourcePathSchema.meta({ description: "Resource path as designed, e.g. /pets/{petId}." }),
    method: z.enum(METHODS).meta({ description: "HTTP method, or ANY for every method of the resource." }),
    rateLimit: ThrottleSchema.shape.rateLimit,
    burstLimit: ThrottleSchema.shape.burstLimit,
  })
  .meta({ id: "MethodThrottle" });

export type MethodThrottle = z.infer<typeof MethodThrottleSchema>;

export const ApiStageRefSchema = z
  .strictObject({
    apiId: identifierSchema,
    stage: identifierSchema,
    methodThrottles: z
      .array(MethodThrottleSchema)
      .max(500, "at most 500 method throttles per stage")
      .default([])
      .refine(
        (items) => new Set(items.map((item) => `${item.path} ${item.method}`)).size === items.length,
        "each path and method may have one throttle override",
      ),
  })
  .meta({ id: "UsagePlanApiStage" });

export type ApiStageRef = z.infer<typeof ApiStageRefSchema>;

const apiStagesSchema = z
  .array(ApiStageRefSchema)
  .max(200, "at most 200 API stages per plan")
  .refine(
    (stages) => new Set(stages.map((stage) => `${stage.apiId}/${stage.stage}`)).size === stages.length,
    "each API stage may be attached once",
  );

export const createUsagePlanBodySchema = z
  .strictObject({
    name: nameSchema(128),
    description: descriptionSchema().optional(),
    throttle: ThrottleSchema.optional(),
    quota: QuotaSchema.optional(),
    apiStages: apiStagesSchema.default([]),
  })
  .meta({ id: "CreateUsagePlanBody" });

export type CreateUsagePlanBody = z.infer<typeof createUsagePlanBodySchema>;

export const updateUsagePlanBodySchema = z
  .strictObject({
    name: nameSchema(128).optional(),
    description: descriptionSchema().optional(),
    /** null removes the throttle. */
    throttle: ThrottleSchema.nullable().optional(),
    /** null removes the quota. */
    quota: QuotaSchema.nullable().optional(),
    /** Replaces the attached stages (and their method throttles) as a whole. */
    apiStages: apiStagesSchema.optional(),
  })
  .meta({ id: "UpdateUsagePlanBody" });

export type UpdateUsagePlanBody = z.infer<typeof updateUsagePlanBodySchema>;

export const UsagePlanSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    throttle: ThrottleSchema.nullable(),
    quota: QuotaSchema.nullable(),
    apiStages: z.array(
      z.object({
        apiId: z.string(),
        stage: z.string(),
        methodThrottles: z.array(MethodThrottleSchema),
      }),
    ),
    keyCount: z.number().int().meta({ description: "Keys in the plan that are not revoked." }),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "UsagePlan" });

export type UsagePlanDto = z.infer<typeof UsagePlanSchema>;

export const UsagePlanPageSchema = pageSchema(UsagePlanSchema).meta({ id: "UsagePlanPage" });

export const listUsagePlansQuerySchema = z.strictObject({
  cursor: cursorSchema.optional(),
  limit: limitSchema.optional(),
});

export type ListUsagePlansQuery = z.infer<typeof listUsagePlansQuerySchema>;

export const usagePlanParamsSchema = z.object({ usagePlanId: idSchema.meta({ description: "The usage plan's id." }) });

/** What one gateway node answered when asked for a push or for usage. */
export const NodeOutcomeSchema = z
  .object({
    nodeId: z.string(),
    name: z.string(),
    status: z.enum(["applied", "failed", "timeout", "ok"]),
    hash: z.string().nullable().optional(),
    ms: z.number().optional(),
    error: z.string().optional(),
  })
  .meta({ id: "NodeOutcome" });

export type NodeOutcome = z.infer<typeof NodeOutcomeSchema>;

export const UsageItemSchema = z
  .object({
    apiKeyId: z.string(),
    apiKeyName: z.string(),
    displayPrefix: z.string(),
    usagePlanId: z.string(),
    period: quotaPeriodSchema,
    limit: z.number().int(),
    used: z.number().int(),
    remaining: z.number().int(),
    resetAt: timestampSchema,
  })
  .meta({ id: "UsageItem" });

export type UsageItem = z.infer<typeof UsageItemSchema>;

export const UsageReportSchema = z
  .object({
    usagePlanId: z.string(),
    quota: QuotaSchema.nullable(),
    /** Start of the current quota period (UTC). */
    periodStart: timestampSchema.nullable(),
    items: z.array(UsageItemSchema),
    /**
     * True when the counts come from one node's shared (Redis) store; false
     * when every node counts on its own and the figures are their sum.
     */
    sharedCounters: z.boolean(),
    nodes: z.array(NodeOutcomeSchema),
  })
  .meta({ id: "UsageReport" });

export type UsageReport = z.infer<typeof UsageReportSchema>;

export const usagePlanUsageQuerySchema = z.strictObject({
  keyId: idSchema.optional().meta({ description: "Only this API key's usage." }),
});
