import { z } from "zod";

import { cursorSchema, descriptionSchema, idSchema, limitSchema, nameSchema, pageSchema, timestampSchema } from "./common";
import { NodeOutcomeSchema } from "./usage-plan";

// API keys: issued to consumers, shown once, stored as a SHA-256 hash.

const usagePlanIdsSchema = z
  .array(idSchema)
  .max(50, "a key may be in at most 50 usage plans")
  .refine((ids) => new Set(ids).size === ids.length, "list each usage plan once");

const customerIdSchema = z.string().trim().max(255, "customerId must be at most 255 characters");

export const createApiKeyBodySchema = z
  .strictObject({
    name: nameSchema(128),
    description: descriptionSchema().optional(),
    customerId: customerIdSchema.optional(),
    enabled: z.boolean().default(true),
    usagePlanIds: usagePlanIdsSchema.default([]),
  })
  .meta({ id: "CreateApiKeyBody" });

export type CreateApiKeyBody = z.infer<typeof createApiKeyBodySchema>;

export const updateApiKeyBodySchema = z
  .strictObject({
    name: nameSchema(128).optional(),
    description: descriptionSchema().optional(),
    customerId: customerIdSchema.nullable().optional(),
    enabled: z.boolean().optional(),
    /** Replaces the key's plans. */
    usagePlanIds: usagePlanIdsSchema.optional(),
  })
  .meta({ id: "UpdateApiKeyBody" });

export type UpdateApiKeyBody = z.infer<typeof updateApiKeyBodySchema>;

/** Thirty days: longer overlaps defeat the point of rotating. */
export const MAX_GRACE_PERIOD_SECONDS = 30 * 24 * 3600;

export const rotateApiKeyBodySchema = z
  .strictObject({
    gracePeriodSeconds: z
      .number({ error: "gracePeriodSeconds must be a whole number of seconds" })
      .int("gracePeriodSeconds must be a whole number of seconds")
      .min(0, "gracePeriodSeconds must be 0 (the old key stops at once) or more")
      .max(MAX_GRACE_PERIOD_SECONDS, `gracePeriodSeconds must be at most ${MAX_GRACE_PERIOD_SECONDS} (30 days)`),
  })
  .meta({ id: "RotateApiKeyBody" });

export type RotateApiKeyBody = z.infer<typeof rotateApiKeyBodySchema>;

export const API_KEY_STATUSES = ["enabled", "disabled", "expiring", "expired", "revoked"] as const;
export const apiKeyStatusSchema = z.enum(API_KEY_STATUSES);
export type ApiKeyStatus = z.infer<typeof apiKeyStatusSchema>;

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    customerId: z.string().nullable(),
    displayPrefix: z.string().meta({ description: "The first characters of the key, to tell keys apart." }),
    enabled: z.boolean(),
    status: apiKeyStatusSchema.meta({
      description: "revoked, expired (past a rotation's grace period), expiring (in it), disabled or enabled.",
    }),
    revokedAt: timestampSchema.nullable(),
    expiresAt: timestampSchema.nullable(),
    rotatedFromId: z.string().nullable(),
    rotatedToId: z.string().nullable(),
    usagePlans: z.array(z.object({ id: z.string(), name: z.string() })),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "ApiKey" });

export type ApiKeyDto = z.infer<typeof ApiKeySchema>;

export const IssuedApiKeySchema = ApiKeySchema.extend({
  value: z.string().meta({ description: "The key itself. Returned only in this answer: store it now." }),
}).meta({ id: "IssuedApiKey" });

export type IssuedApiKeyDto = z.infer<typeof IssuedApiKeySchema>;

/** Answers of changes: the key, and what each gateway node said to the new consumers document. */
export const ApiKeyChangeResultSchema = z.object({ apiKey: ApiKeySchema, nodes: z.array(NodeOutcomeSchema) });
export const IssuedApiKeyResultSchema = z.object({ apiKey: IssuedApiKeySchema, nodes: z.array(NodeOutcomeSchema) });
export const RotatedApiKeyResultSchema = z.object({
  apiKey: IssuedApiKeySchema.meta({ description: "The new key." }),
  previous: ApiKeySchema.meta({ description: "The old key, working until its expiresAt." }),
  nodes: z.array(NodeOutcomeSchema),
});

export const ApiKeyPageSchema = pageSchema(ApiKeySchema).meta({ id: "ApiKeyPage" });

export const listApiKeysQuerySchema = z.strictObject({
  cursor: cursorSchema.optional(),
  limit: limitSchema.optional(),
  usagePlanId: idSchema.optional().meta({ description: "Only keys in this usage plan." }),
  customerId: customerIdSchema.optional(),
  includeRevoked: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
});

export type ListApiKeysQuery = z.infer<typeof listApiKeysQuerySchema>;

export const apiKeyParamsSchema = z.object({ apiKeyId: idSchema.meta({ description: "The API key's id." }) });

export const importApiKeysQuerySchema = z.strictObject({
  failOnWarnings: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true")
    .meta({ description: "true: import nothing when any line is rejected. false: import the good lines." }),
  format: z.enum(["csv"]).default("csv"),
});

export const ImportLineSchema = z
  .object({
    line: z.number().int().meta({ description: "1-based line number in the CSV (the header is line 1)." }),
    status: z.enum(["imported", "rejected", "skipped"]),
    message: z.string().optional(),
    apiKeyId: z.string().optional(),
    displayPrefix: z.string().optional(),
  })
  .meta({ id: "ImportLine" });

export type ImportLine = z.infer<typeof ImportLineSchema>;

export const ImportApiKeysResultSchema = z
  .object({
    imported: z.number().int(),
    rejected: z.number().int(),
    lines: z.array(ImportLineSchema),
    nodes: z.array(NodeOutcomeSchema),
  })
  .meta({ id: "ImportApiKeysResult" });

export type ImportApiKeysResult = z.infer<typeof ImportApiKeysResultSchema>;
