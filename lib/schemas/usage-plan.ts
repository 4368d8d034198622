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

/** The longest range one usage request may cover: what the gateways keep. */
export const MAX_USAGE_DAYS = 90;

const usageDateSchema = z.iso.date({ error: "use a calendar date as YYYY-MM-DD (UTC)" });

export const UsageDaySchema = z
  .object({
    date: usageDateSchema,
    used: z.number().int(),
    /** Quota left at the end of that day (for WEEK and MONTH quotas, after the period's requests so far); null without a quota. */
    remaining: z.number().int().nullable(),
  })
  .meta({ id: "UsageDay" });

export type UsageDay = z.infer<typeof UsageDaySchema>;

export const KeyDailyUsageSchema = z
  .object({
    apiKeyId: z.string(),
    apiKeyName: z.string(),
    displayPrefix: z.string(),
    days: z.array(UsageDaySchema),
  })
  .meta({
    id: "KeyDailyUsage",
    description:
      "Requests per UTC day of one key, as the gateways served them (after authentication, throttling and quota). A key is counted once per request whichever of its plans covered it.",
  });

export type KeyDailyUsage = z.infer<typeof KeyDailyUsageSchema>;

export const UsageReportSchema = z
  .object({
    usagePlanId: z.string(),
    /** First and last UTC day of the daily figures, as API Gateway's GetUsage names them. */
    startDate: usageDateSchema,
    endDate: usageDateSchema,
    quota: QuotaSchema.nullable(),
    /** Start of the current quota period (UTC). */
    periodStart: timestampSchema.nullable(),
    /** Quota used per key in the current period (empty when the plan has no quota). */
    items: z.array(UsageItemSchema),
    /** Requests per key per day from startDate to endDate. */
    keys: z.array(KeyDailyUsageSchema),
    /** API Gateway's GetUsage shape: key id → [used, remaining] per day, remaining null without a quota. */
    usage: z.record(z.string(), z.array(z.tuple([z.number().int(), z.number().int().nullable()]))),
    /**
     * True when the counts come from one node's shared (Redis) store; false
     * when every node counts on its own and the figures are their sum.
     */
    sharedCounters: z.boolean(),
    nodes: z.array(NodeOutcomeSchema),
  })
  .meta({ id: "UsageReport" });

export type UsageReport = z.infer<typeof UsageReportSchema>;

const DAY_MS = 86_400_000;

export const usagePlanUsageQuerySchema = z
  .strictObject({
    keyId: idSchema.optional().meta({ description: "Only this API key's usage." }),
    startDate: usageDateSchema.optional().meta({ description: "First UTC day (YYYY-MM-DD). Default: six days before endDate." }),
    endDate: usageDateSchema.optional().meta({ description: "Last UTC day (YYYY-MM-DD). Default: today." }),
  })
  .superRefine((query, ctx) => {
    if (query.startDate === undefined || query.endDate === undefined) return;
    const days = (Date.parse(query.endDate) - Date.parse(query.startDate)) / DAY_MS + 1;
    if (days < 1) ctx.addIssue({ code: "custom", path: ["startDate"], message: "startDate must not be after endDate" });
    else if (days > MAX_USAGE_DAYS) {
      ctx.addIssue({
        code: "custom",
        path: ["startDate"],
        message: `ask for at most ${MAX_USAGE_DAYS} days at a time (asked for ${days})`,
      });
    }
  });

export type UsagePlanUsageQuery = z.infer<typeof usagePlanUsageQuerySchema>;
