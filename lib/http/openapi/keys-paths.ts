import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from "zod-openapi";

import {
  ApiKeyChangeResultSchema,
  ApiKeyPageSchema,
  apiKeyParamsSchema,
  ApiKeySchema,
  createApiKeyBodySchema,
  ImportApiKeysResultSchema,
  importApiKeysQuerySchema,
  IssuedApiKeyResultSchema,
  listApiKeysQuerySchema,
  RotatedApiKeyResultSchema,
  rotateApiKeyBodySchema,
  updateApiKeyBodySchema,
} from "@/lib/schemas/api-key";
import { ErrorResponseSchema } from "@/lib/schemas/common";
import {
  createUsagePlanBodySchema,
  listUsagePlansQuerySchema,
  NodeOutcomeSchema,
  updateUsagePlanBodySchema,
  UsagePlanPageSchema,
  usagePlanParamsSchema,
  UsagePlanSchema,
  usagePlanUsageQuerySchema,
  UsageReportSchema,
} from "@/lib/schemas/usage-plan";

// Usage plans and API keys in the OpenAPI document of /api/v1. Every change
// answers with `nodes`: what each gateway node said to the new consumers document.

type Status = "400" | "404" | "409" | "413" | "415" | "422";

const DESCRIPTIONS: Record<Status | "500", string> = {
  "400": "Malformed request.",
  "404": "The usage plan or API key does not exist.",
  "409": "The change conflicts with the current state (a key in two plans covering one stage, a revoked key).",
  "413": "The request body is too large.",
  "415": "The body was sent with the wrong content type.",
  "422": "One or more fields are invalid; `details` lists each one.",
  "500": "Unexpected server error; quote `requestId` when reporting it.",
};

function errors(...statuses: Status[]): ZodOpenApiOperationObject["responses"] {
  return Object.fromEntries(
    [...statuses, "500" as const].map((status) => [
      status,
      { description: DESCRIPTIONS[status], content: { "application/json": { schema: ErrorResponseSchema } } },
    ]),
  );
}

function ok(status: "200" | "201", description: string, schema: z.ZodType) {
  return { [status]: { description, content: { "application/json": { schema } } } };
}

function jsonBody(schema: z.ZodType) {
  return { required: true, content: { "application/json": { schema } } };
}

const BODY: Status[] = ["400", "413", "415", "422"];
const nodes = z.array(NodeOutcomeSchema);
const planChange = z.object({ usagePlan: UsagePlanSchema, nodes });

export const keysPaths: ZodOpenApiPathsObject = {
  "/usage-plans": {
    get: {
      operationId: "listUsagePlans",
      tags: ["Usage plans"],
      summary: "List usage plans by name",
      requestParams: { query: listUsagePlansQuerySchema },
      responses: { ...ok("200", "A page of usage plans.", UsagePlanPageSchema), ...errors("422") },
    },
    post: {
      operationId: "createUsagePlan",
      tags: ["Usage plans"],
      summary: "Create a usage plan on existing API stages",
      requestBody: jsonBody(createUsagePlanBodySchema),
      responses: { ...ok("201", "The new plan and each node's answer.", planChange), ...errors("409", ...BODY) },
    },
  },
  "/usage-plans/{usagePlanId}": {
    get: {
      operationId: "getUsagePlan",
      tags: ["Usage plans"],
      summary: "Get a usage plan",
      requestParams: { path: usagePlanParamsSchema },
      responses: { ...ok("200", "The plan.", z.object({ usagePlan: UsagePlanSchema })), ...errors("404") },
    },
    patch: {
      operationId: "updateUsagePlan",
      tags: ["Usage plans"],
      summary: "Change a plan's throttle, quota or stages (apiStages replaces them as a whole)",
      requestParams: { path: usagePlanParamsSchema },
      requestBody: jsonBody(updateUsagePlanBodySchema),
      responses: { ...ok("200", "The plan and each node's answer.", planChange), ...errors("404", "409", ...BODY) },
    },
    delete: {
      operationId: "deleteUsagePlan",
      tags: ["Usage plans"],
      summary: "Delete a plan; its keys stay, without it",
      requestParams: { path: usagePlanParamsSchema },
      responses: { ...ok("200", "Each node's answer.", z.object({ nodes })), ...errors("404") },
    },
  },
  "/usage-plans/{usagePlanId}/usage": {
    get: {
      operationId: "getUsagePlanUsage",
      tags: ["Usage plans"],
      summary: "Quota used and remaining per key in the current period, from the gateway nodes' counters",
      requestParams: { path: usagePlanParamsSchema, query: usagePlanUsageQuerySchema },
      responses: { ...ok("200", "Usage per key.", UsageReportSchema), ...errors("404", "422") },
    },
  },
  "/api-keys": {
    get: {
      operationId: "listApiKeys",
      tags: ["API keys"],
      summary: "List API keys, newest first",
      requestParams: { query: listApiKeysQuerySchema },
      responses: { ...ok("200", "A page of keys (never their values).", ApiKeyPageSchema), ...errors("422") },
    },
    post: {
      operationId: "createApiKey",
      tags: ["API keys"],
      summary: "Issue an API key; its value is in this answer only",
      requestBody: jsonBody(createApiKeyBodySchema),
      responses: { ...ok("201", "The key with its value, and each node's answer.", IssuedApiKeyResultSchema), ...errors("409", ...BODY) },
    },
  },
  "/api-keys/import": {
    post: {
      operationId: "importApiKeys",
      tags: ["API keys"],
      summary: "Import keys from CSV (name,key,description,enabled,usageplanIds), reported line by line",
      requestParams: { query: importApiKeysQuerySchema },
      requestBody: { required: true, content: { "text/csv": { schema: z.string() } } },
      responses: {
        ...ok("201", "Keys were imported; the report covers every line.", ImportApiKeysResultSchema),
        ...ok("200", "No key was imported; the report says why for every line.", ImportApiKeysResultSchema),
        ...errors("400", "413", "415", "422"),
      },
    },
  },
  "/api-keys/{apiKeyId}": {
    get: {
      operationId: "getApiKey",
      tags: ["API keys"],
      summary: "Get an API key (never its value)",
      requestParams: { path: apiKeyParamsSchema },
      responses: { ...ok("200", "The key.", z.object({ apiKey: ApiKeySchema })), ...errors("404") },
    },
    patch: {
      operationId: "updateApiKey",
      tags: ["API keys"],
      summary: "Rename, enable, disable a key or replace its plans",
      requestParams: { path: apiKeyParamsSchema },
      requestBody: jsonBody(updateApiKeyBodySchema),
      responses: { ...ok("200", "The key and each node's answer.", ApiKeyChangeResultSchema), ...errors("404", "409", ...BODY) },
    },
  },
  "/api-keys/{apiKeyId}/revoke": {
    post: {
      operationId: "revokeApiKey",
      tags: ["API keys"],
      summary: "Revoke a key for good (idempotent); gateways refuse it once they acknowledge",
      requestParams: { path: apiKeyParamsSchema },
      responses: { ...ok("200", "The revoked key and each node's answer.", ApiKeyChangeResultSchema), ...errors("404") },
    },
  },
  "/api-keys/{apiKeyId}/rotate": {
    post: {
      operationId: "rotateApiKey",
      tags: ["API keys"],
      summary: "Replace a key: the new one works at once, the old one until the grace period ends",
      requestParams: { path: apiKeyParamsSchema },
      requestBody: jsonBody(rotateApiKeyBodySchema),
      responses: { ...ok("201", "The new key with its value, the old key, and each node's answer.", RotatedApiKeyResultSchema), ...errors("404", "409", ...BODY) },
    },
  },
};
