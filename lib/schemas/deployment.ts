import { z } from "zod";

import { cursorSchema, idSchema, limitSchema, pageSchema } from "./common";

// Deployments: immutable snapshots of an API's definition that stages point at.

export const stageNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, "stage names use 1 to 128 letters, digits, '-' or '_' (e.g. dev, prod)")
  .meta({ description: "A stage name such as dev or prod.", example: "dev" });

const stageVariablesSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9_]{1,64}$/, "stage variable names use 1 to 64 letters, digits and '_'"),
    z.string().max(2048, "stage variable values are at most 2048 characters"),
  )
  .refine((variables) => Object.keys(variables).length <= 100, "at most 100 stage variables");
export { stageVariablesSchema };

export const canaryInputSchema = z
  .strictObject({
    percent: z.number().min(0, "percent must be 0 to 100").max(100, "percent must be 0 to 100"),
    stageVariableOverrides: stageVariablesSchema.default({}),
  })
  .meta({ id: "CanaryInput", description: "Deploy to the stage's canary instead of replacing its deployment." });

export const createDeploymentBodySchema = z
  .strictObject({
    stageName: stageNameSchema,
    description: z.string().max(1024, "description must be at most 1024 characters").default(""),
    canary: canaryInputSchema.optional(),
  })
  .meta({ id: "CreateDeploymentBody" });
export type CreateDeploymentBody = z.infer<typeof createDeploymentBodySchema>;

export const NodePushResultSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    adminUrl: z.string(),
    status: z.enum(["applied", "failed", "timeout"]),
    hash: z.string().nullable().meta({ description: "The stage document hash the node now serves." }),
    ms: z.number(),
    error: z.string().optional(),
  })
  .meta({ id: "NodePushResult" });
export type NodePushResultDto = z.infer<typeof NodePushResultSchema>;

export const DeploymentSchema = z
  .object({
    id: z.string(),
    apiId: z.string(),
    hash: z.string().meta({ description: "SHA-256 of the deployed API definition." }),
    description: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    routeCount: z.number().int(),
    stages: z.array(z.string()).meta({ description: "Stages that serve this deployment now." }),
    canaryStages: z.array(z.string()).meta({ description: "Stages whose canary serves this deployment now." }),
  })
  .meta({ id: "Deployment" });
export type DeploymentDto = z.infer<typeof DeploymentSchema>;

export const DeploymentResultSchema = z
  .object({
    deployment: DeploymentSchema,
    stage: z.string(),
    nodes: z.array(NodePushResultSchema),
  })
  .meta({ id: "DeploymentResult" });

export const listDeploymentsQuerySchema = z.strictObject({
  cursor: cursorSchema.optional(),
  limit: limitSchema.optional(),
});

export const DeploymentListSchema = pageSchema(DeploymentSchema).meta({ id: "DeploymentList" });

export const deploymentParamsSchema = z.object({
  apiId: idSchema,
  deploymentId: idSchema.meta({ description: "The deployment's id." }),
});

export const diffQuerySchema = z.object({
  from: idSchema.meta({ description: "The deployment compared from (what is live)." }),
  to: z.union([idSchema, z.literal("current")]).meta({ description: "A deployment id, or `current` for the API's current definition." }),
});

export const DefinitionDiffSchema = z
  .object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(z.object({ route: z.string(), fields: z.array(z.string()) })),
    apiChanges: z.array(z.string()),
    loosening: z.array(z.object({ route: z.string().nullable(), message: z.string() })),
    identical: z.boolean(),
  })
  .meta({ id: "DefinitionDiff", description: "Routes as `METHOD /path`; `loosening` lists changes that weaken security." });
export type DefinitionDiffDto = z.infer<typeof DefinitionDiffSchema>;
