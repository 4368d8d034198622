import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";

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
import {
  createUsagePlanBodySchema,
  listUsagePlansQuerySchema,
  NodeOutcomeSchema,
  UsagePlanPageSchema,
  usagePlanParamsSchema,
  UsagePlanSchema,
  usagePlanUsageQuerySchema,
  UsageReportSchema,
  updateUsagePlanBodySchema,
} from "@/lib/schemas/usage-plan";

import { BODY_ERRORS, errors, jsonBody, ok } from "./responses";

// API consumers: usage plans and API keys. Every change is pushed to the
// gateway nodes at once, and answers say what each node did.

const usagePlanChanged = z.object({ usagePlan: UsagePlanSchema, nodes: z.array(NodeOutcomeSchema) });

export const consumerPaths: ZodOpenApiPathsObject = {
  "/usage-plans": {
    get: {
      operationId: "listUsagePlans",
      tags: ["Usage plans"],
      summary: "List usage plans",
      requestParams: { query: listUsagePlansQuerySchema },
      responses: { ...ok("200", "A page of usage plans.", UsagePlanPageSchema), ...errors("422") },
    },
    post: {
      operationId: "createUsagePlan",
      tags: ["Usage plans"],
      summary: "Create a usage plan (throttle, quota, API stages)",
      requestBody: jsonBody(createUsagePlanBodySchema),
      responses: { ...ok("201", "The new usage plan and each node's result.", usagePlanChanged), ...errors("404", "409", ...BODY_ERRORS) },
    },
  },
  "/usage-plans/{usagePlanId}": {
    get: {
      operationId: "getUsagePlan",
      tags: ["Usage plans"],
      summary: "Get a usage plan",
      requestParams: { path: usagePlanParamsSchema },
      responses: { ...ok("200", "The usage plan.", z.object({ usagePlan: UsagePlanSchema })), ...errors("404") },
    },
    patch: {
      operationId: "updateUsagePlan",
      tags: ["Usage plans"],
      summary: "Change a usage plan",
      requestParams: { path: usagePlanParamsSchema },
      requestBody: jsonBody(updateUsagePlanBodySchema),
      responses: { ...ok("200", "The usage plan and each node's result.", usagePlanChanged), ...errors("404", "409", ...BODY_ERRORS) },
    },
    delete: {
      operationId: "deleteUsagePlan",
      tags: ["Usage plans"],
      summary: "Delete a usage plan",
      requestParams: { path: usagePlanParamsSchema },
      responses: { ...ok("200", "Each node's result.", z.object({ nodes: z.array(NodeOutcomeSchema) })), ...errors("404") },
    },
  },
  "/usage-plans/{usagePlanId}/usage": {
    get: {
      operationId: "getUsagePlanUsage",
      tags: ["Usage plans"],
      summary: "Requests per key per day and quota left, as counted by the gateways (like API Gateway's GetUsage)",
      requestParams: { path: usagePlanParamsSchema, query: usagePlanUsageQuerySchema },
      responses: { ...ok("200", "The usage report.", UsageReportSchema), ...errors("404", "422") },
    },
  },
  "/api-keys": {
    get: {
      operationId: "listApiKeys",
      tags: ["API keys"],
      summary: "List API keys (never their values)",
      requestParams: { query: listApiKeysQuerySchema },
      responses: { ...ok("200", "A page of API keys.", ApiKeyPageSchema), ...errors("422") },
    },
    post: {
      operationId: "createApiKey",
      tags: ["API keys"],
      summary: "Issue an API key; the only answer that carries its value",
      requestBody: jsonBody(createApiKeyBodySchema),
      responses: {
        ...ok("201", "The new key with its value, and each node's result.", IssuedApiKeyResultSchema),
        ...errors("404", ...BODY_ERRORS),
      },
    },
  },
  "/api-keys/import": {
    post: {
      operationId: "importApiKeys",
      tags: ["API keys"],
      summary: "Import API keys from CSV (201 when any was imported, 200 otherwise)",
      requestParams: { query: importApiKeysQuerySchema },
      requestBody: { required: true, content: { "text/csv": { schema: z.string() } } },
      responses: {
        ...ok("201", "What happened to each line.", ImportApiKeysResultSchema),
        ...ok("200", "Nothing was imported; what happened to each line.", ImportApiKeysResultSchema),
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
      summary: "Change an API key (name, enabled, usage plans)",
      requestParams: { path: apiKeyParamsSchema },
      requestBody: jsonBody(updateApiKeyBodySchema),
      responses: { ...ok("200", "The key and each node's result.", ApiKeyChangeResultSchema), ...errors("404", "409", ...BODY_ERRORS) },
    },
  },
  "/api-keys/{apiKeyId}/revoke": {
    post: {
      operationId: "revokeApiKey",
      tags: ["API keys"],
      summary: "Revoke an API key for good",
      requestParams: { path: apiKeyParamsSchema },
      responses: { ...ok("200", "The revoked key and each node's result.", ApiKeyChangeResultSchema), ...errors("404", "409") },
    },
  },
  "/api-keys/{apiKeyId}/rotate": {
    post: {
      operationId: "rotateApiKey",
      tags: ["API keys"],
      summary: "Issue a replacement key; the old one keeps working for the grace period",
      requestParams: { path: apiKeyParamsSchema },
      requestBody: jsonBody(rotateApiKeyBodySchema),
      responses: {
        ...ok("201", "The new key with its value, the old key, and each node's result.", RotatedApiKeyResultSchema),
        ...errors("404", "409", ...BODY_ERRORS),
      },
    },
  },
};
