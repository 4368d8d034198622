import { z } from "zod";

import { authorizerBodySchema } from "@/lib/schemas/authorizer";

/**
 * An API as Portico models it, without database ids: what an OpenAPI import
 * produces, what an export reads, and what the database layer writes. It
 * mirrors prisma/schema.prisma (Api, Resource, Method, Integration, Model).
 */

const jsonObjectSchema = z.record(z.string(), z.unknown());

export const corsPolicySchema = z.object({
  allowOrigins: z.array(z.string()),
  allowMethods: z.array(z.string()),
  allowHeaders: z.array(z.string()),
  exposeHeaders: z.array(z.string()),
  maxAgeSeconds: z.number().int().nonnegative().optional(),
  allowCredentials: z.boolean(),
});
export type CorsPolicy = z.infer<typeof corsPolicySchema>;

export const modelDefinitionSchema = z.object({
  name: z.string().min(1).max(128),
  description: z.string(),
  contentType: z.string(),
  /**
   * A JSON Schema. References to other models of the API are written
   * "#/definitions/<model name>" and to the model itself "#"; the models
   * they name are put under `definitions` when the schema is compiled (see
   * withModelDefinitions). A schema may also carry its own `definitions`.
   */
  schema: jsonObjectSchema,
});
export type ModelDefinition = z.infer<typeof modelDefinitionSchema>;

export const requestParameterSchema = z.object({
  in: z.enum(["path", "querystring", "header"]),
  name: z.string().min(1),
  required: z.boolean(),
  schema: jsonObjectSchema.optional(),
  /**
   * A path parameter's name in the imported document, where the import
   * renamed it to match the same place in other paths ({CallSid} → {Sid});
   * an export writes the path and the parameter with this name again.
   */
  originalName: z.string().optional(),
});
export type RequestParameter = z.infer<typeof requestParameterSchema>;

export const methodResponseSchema = z.object({
  description: z.string().optional(),
  modelName: z.string().optional(),
  /** The model's media type where it is not application/json (Swagger's produces, OpenAPI 3's content). */
  contentType: z.string().optional(),
});
export type MethodResponse = z.infer<typeof methodResponseSchema>;

export const integrationTypeSchema = z.enum(["HTTP_PROXY", "HTTP", "MOCK", "AWS", "AWS_PROXY"]);
export type IntegrationType = z.infer<typeof integrationTypeSchema>;

export const mockResponseSchema = z.object({
  statusCode: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});

export const integrationDefinitionSchema = z.object({
  type: integrationTypeSchema,
  httpMethod: z.string().optional(),
  uri: z.string().optional(),
  timeoutMs: z.number().int().positive(),
  requestParameters: z.record(z.string(), z.string()),
  requestTemplates: z.record(z.string(), z.string()),
  passthroughBehavior: z.string().optional(),
  mockResponse: mockResponseSchema.optional(),
  /** AWS's integration responses, by selection pattern (`default` for the default one), as written. */
  responses: z.record(z.string(), jsonObjectSchema),
  contentHandling: z.string().optional(),
  payloadFormatVersion: z.string().optional(),
  credentials: z.string().optional(),
  connectionType: z.string().optional(),
  connectionId: z.string().optional(),
  /** HTTP API parameter mapping (`append:header.x` → `$request.header.y`). */
  parameterMapping: z.record(z.string(), z.string()).optional(),
});
export type IntegrationDefinition = z.infer<typeof integrationDefinitionSchema>;

export const HTTP_METHOD_NAMES = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;

export const methodDefinitionSchema = z.object({
  httpMethod: z.enum(HTTP_METHOD_NAMES),
  operationName: z.string().optional(),
  summary: z.string().optional(),
  authorizationType: z.enum(["NONE", "API_KEY", "JWT", "COGNITO_USER_POOLS", "CUSTOM"]),
  /** JWT, COGNITO_USER_POOLS, CUSTOM: the name of one of the API's authorizers. */
  authorizerName: z.string().optional(),
  authorizationScopes: z.array(z.string()).optional(),
  apiKeyRequired: z.boolean(),
  requestParameters: z.array(requestParameterSchema),
  requestModelName: z.string().optional(),
  /** The body's media type where it is not application/json. */
  requestContentType: z.string().optional(),
  /** What the method validates: its own validator's rules, else the API default's, else nothing (as AWS). */
  requestValidator: z.enum(["NONE", "BODY", "PARAMS", "BODY_AND_PARAMS"]),
  /** The named validator the operation sets itself (x-amazon-apigateway-request-validator), kept for export. */
  requestValidatorName: z.string().optional(),
  responses: z.record(z.string(), methodResponseSchema),
  integration: integrationDefinitionSchema.optional(),
});
export type MethodDefinition = z.infer<typeof methodDefinitionSchema>;
export type RequestValidatorKind = MethodDefinition["requestValidator"];

export const requestValidatorRulesSchema = z.object({ validateRequestBody: z.boolean(), validateRequestParameters: z.boolean() });
export type RequestValidatorRules = z.infer<typeof requestValidatorRulesSchema>;

export const resourceDefinitionSchema = z.object({
  /** "/pets/{petId}"; "/" for the root. Ancestors are implied by the path. */
  path: z.string().startsWith("/"),
  methods: z.array(methodDefinitionSchema),
});
export type ResourceDefinition = z.infer<typeof resourceDefinitionSchema>;

export const apiDefinitionSchema = z.object({
  name: z.string().min(1).max(128),
  description: z.string(),
  version: z.string().optional(),
  cors: corsPolicySchema.optional(),
  apiKeySource: z.enum(["HEADER", "AUTHORIZER"]),
  binaryMediaTypes: z.array(z.string()),
  /** Authorizers by name (the security scheme's name in OpenAPI). */
  authorizers: z.array(authorizerBodySchema).optional(),
  gatewayResponses: jsonObjectSchema.optional(),
  /** x-amazon-apigateway-request-validators by name, as written. */
  requestValidators: z.record(z.string(), requestValidatorRulesSchema).optional(),
  /** The API-level x-amazon-apigateway-request-validator: the validator methods without their own use. */
  defaultRequestValidator: z.string().optional(),
  models: z.array(modelDefinitionSchema),
  resources: z.array(resourceDefinitionSchema),
});
export type ApiDefinition = z.infer<typeof apiDefinitionSchema>;

/**
 * applied: imported as written; emulated: imported with Portico's nearest
 * equivalent; ignored: documentation or settings with no effect here;
 * unsupported: a feature Portico does not run; skipped: a warning, as AWS
 * calls it: a part of the document that is broken or cannot be routed was
 * left out, and the rest imported (nothing is imported with failOnWarnings).
 */
export const reportOutcomeSchema = z.enum(["applied", "emulated", "ignored", "unsupported", "skipped"]);

export const importReportEntrySchema = z.object({
  pointer: z.string(),
  feature: z.string(),
  outcome: reportOutcomeSchema,
  /** What was found and what the import did about it. */
  message: z.string(),
  /** 1-based position of the pointer in the source text; given for warnings (outcome skipped). */
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
});
export type ImportReportEntry = z.infer<typeof importReportEntrySchema>;
