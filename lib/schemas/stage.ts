import { z } from "zod";

import { accessLogSettingsSchema } from "@/lib/contracts/access-log";

import { cursorSchema, idSchema, limitSchema, pageSchema } from "./common";
import { DefinitionDiffSchema, NodePushResultSchema, stageNameSchema, stageVariablesSchema } from "./deployment";

export const stageParamsSchema = z.object({ apiId: idSchema, stageName: stageNameSchema });

export const StageThrottleSchema = z
  .object({
    rateLimit: z.number().min(0, "rateLimit must be 0 or more").max(1_000_000),
    burstLimit: z.number().int("burstLimit must be a whole number").min(0, "burstLimit must be 0 or more").max(1_000_000),
  })
  .meta({ id: "StageThrottle", description: "Default throttle for routes that need no API key." });

export const StageAccessLogSettingsSchema = accessLogSettingsSchema.meta({
  id: "StageAccessLogSettings",
  description:
    "API Gateway's accessLogSettings: a one-line format of $context variables (CLF, JSON, XML or CSV presets, or your own) and where nodes write it (stdout, or the node's GATEWAY_ACCESS_LOG_FILE).",
});

export const StageSchema = z
  .object({
    name: z.string(),
    apiId: z.string(),
    description: z.string(),
    deploymentId: z.string(),
    deploymentHash: z.string(),
    variables: z.record(z.string(), z.string()),
    throttle: StageThrottleSchema.nullable(),
    canary: z
      .object({
        deploymentId: z.string(),
        deploymentHash: z.string(),
        percent: z.number(),
        stageVariableOverrides: z.record(z.string(), z.string()),
      })
      .nullable(),
    invokeUrl: z.string().meta({ description: "Base URL of this stage on the gateway." }),
    protected: z.boolean().meta({ description: "Deploying to, promoting into, rolling back or changing this stage takes an admin." }),
    accessLogSettings: StageAccessLogSettingsSchema.nullable().meta({
      description: "null: no access-log format (each node writes its default JSON line).",
    }),
    undeployedChanges: z.boolean().nullable().meta({
      description: "Whether the API's current definition differs from this stage's deployment (null: the definition cannot be compiled).",
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Stage" });
export type StageDto = z.infer<typeof StageSchema>;

export const listStagesQuerySchema = z.strictObject({
  cursor: cursorSchema.optional(),
  limit: limitSchema.optional(),
});

export const StageListSchema = pageSchema(StageSchema).meta({ id: "StageList" });

export const updateStageBodySchema = z
  .strictObject({
    description: z.string().max(1024).optional(),
    variables: stageVariablesSchema.optional(),
    throttle: StageThrottleSchema.nullable().optional(),
    canaryPercent: z.number().min(0).max(100).optional().meta({ description: "Changes the share of an existing canary." }),
    canaryStageVariableOverrides: stageVariablesSchema.optional(),
    protected: z.boolean().optional().meta({ description: "Mark the stage protected (admins only), e.g. prod." }),
    accessLogSettings: StageAccessLogSettingsSchema.nullable()
      .optional()
      .meta({ description: "Turn access logging on with a format, or off with null." }),
  })
  .meta({ id: "UpdateStageBody" });
export type UpdateStageBody = z.infer<typeof updateStageBodySchema>;

export const promoteStageBodySchema = z.strictObject({ to: stageNameSchema }).meta({ id: "PromoteStageBody" });
export const rollbackStageBodySchema = z.strictObject({ deploymentId: idSchema }).meta({ id: "RollbackStageBody" });

/** What promote, rollback, canary and settings changes answer: the stage as it now is and each node's result. */
export const StageChangeResultSchema = z
  .object({ stage: StageSchema, nodes: z.array(NodePushResultSchema) })
  .meta({ id: "StageChangeResult" });

export const StageDiffSchema = z
  .object({ stage: z.string(), deploymentId: z.string(), diff: DefinitionDiffSchema.nullable(), problem: z.string().nullable() })
  .meta({ id: "StageUndeployedDiff" });

const headerRecord = z.record(z.string().max(256), z.string().max(8192));

export const testInvokeBodySchema = z
  .strictObject({
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]).default("GET"),
    path: z
      .string()
      .max(2048)
      .regex(/^\/[^\s#]*$/, "path must start with '/' and contain no spaces, e.g. /pets/1?limit=2")
      .refine((path) => !path.includes(".."), "path must not contain '..'")
      .default("/"),
    headers: headerRecord.default({}),
    body: z.string().max(1_048_576).optional(),
  })
  .meta({ id: "TestInvokeBody" });
export type TestInvokeBody = z.infer<typeof testInvokeBodySchema>;

export const TestInvokeResultSchema = z
  .object({
    url: z.string(),
    status: z.number().int(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
    truncated: z.boolean(),
    latencyMs: z.number(),
  })
  .meta({ id: "TestInvokeResult" });
export type TestInvokeResult = z.infer<typeof TestInvokeResultSchema>;
