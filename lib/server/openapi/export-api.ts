import "server-only";

import { notFound } from "@/lib/errors/api-error";
import { exportDefinition, serializeDocument, type ExportExtensions, type ExportFormat, type ExportType } from "@/lib/openapi/export";
import {
  requestValidatorRulesSchema,
  type ApiDefinition,
  type CorsPolicy,
  type IntegrationDefinition,
  type MethodDefinition,
  type RequestParameter,
  type RequestValidatorRules,
} from "@/lib/openapi/model";
import { authorizerDefinitionOf } from "@/lib/schemas/authorizer";
import { prisma, type Db } from "@/lib/server/db";

export interface ExportApiOptions {
  apiId: string;
  format: ExportFormat;
  extensions: ExportExtensions;
  type: ExportType;
}

export interface ExportApiResult {
  body: string;
  filename: string;
  contentType: string;
}

/** Reads an API with its resources, methods, integrations and models, as an ApiDefinition. */
export async function loadApiDefinition(apiId: string, db: Db = prisma): Promise<ApiDefinition> {
  const api = await db.api.findUnique({
    where: { id: apiId },
    include: {
      models: { orderBy: { name: "asc" } },
      authorizers: { orderBy: { name: "asc" } },
      resources: {
        orderBy: { path: "asc" },
        include: {
          methods: {
            orderBy: { httpMethod: "asc" },
            include: { integration: true, requestModel: { select: { name: true } }, authorizer: { select: { name: true } } },
          },
        },
      },
    },
  });
  if (!api) throw notFound(`No API has the id ${apiId}. List APIs with GET /api/v1/apis.`);
  const definition: ApiDefinition = {
    name: api.name,
    description: api.description,
    apiKeySource: api.apiKeySource,
    binaryMediaTypes: api.binaryMediaTypes,
    models: api.models.map((model) => ({
      name: model.name,
      description: model.description,
      contentType: model.contentType,
      schema: model.schema as Record<string, unknown>,
    })),
    resources: api.resources.map((resource) => ({
      path: resource.path,
      methods: resource.methods.map((method) => {
        const result: MethodDefinition = {
          httpMethod: method.httpMethod as MethodDefinition["httpMethod"],
          authorizationType: method.authorizationType,
          apiKeyRequired: method.apiKeyRequired,
          ...(method.authorizer ? { authorizerName: method.authorizer.name, authorizationScopes: method.authorizationScopes } : {}),
          requestParameters: method.requestParameters as RequestParameter[],
          requestValidator: method.requestValidator,
          responses: method.responses as MethodDefinition["responses"],
        };
        if (method.operationName) result.operationName = method.operationName;
        if (method.summary) result.summary = method.summary;
        if (method.requestModel) result.requestModelName = method.requestModel.name;
        if (method.requestContentType) result.requestContentType = method.requestContentType;
        if (method.requestValidatorName) result.requestValidatorName = method.requestValidatorName;
        const integration = method.integration;
        if (integration) {
          const converted: IntegrationDefinition = {
            type: integration.type,
            timeoutMs: integration.timeoutMs,
            requestParameters: integration.requestParameters as Record<string, string>,
            requestTemplates: integration.requestTemplates as Record<string, string>,
            responses: integration.responses as IntegrationDefinition["responses"],
          };
          if (integration.httpMethod) converted.httpMethod = integration.httpMethod;
          if (integration.uri) converted.uri = integration.uri;
          if (integration.passthroughBehavior) converted.passthroughBehavior = integration.passthroughBehavior;
          if (integration.mockResponse) converted.mockResponse = integration.mockResponse as IntegrationDefinition["mockResponse"];
          for (const field of ["contentHandling", "payloadFormatVersion", "credentials", "connectionType", "connectionId"] as const) {
            const value = integration[field];
            if (value) converted[field] = value;
          }
          const parameterMapping = integration.parameterMapping as Record<string, string>;
          if (Object.keys(parameterMapping).length > 0) converted.parameterMapping = parameterMapping;
          result.integration = converted;
        }
        return result;
      }),
    })),
  };
  if (api.version) definition.version = api.version;
  if (api.authorizers.length > 0) {
    // Stored definitions passed authorizerBodySchema; one that no longer does is left out of the document rather than failing the export.
    definition.authorizers = api.authorizers.flatMap((row) => {
      try {
        return [authorizerDefinitionOf(row)];
      } catch {
        return [];
      }
    });
  }
  if (api.cors) definition.cors = api.cors as CorsPolicy;
  if (api.gatewayResponses) definition.gatewayResponses = api.gatewayResponses as Record<string, unknown>;
  const validators = storedValidators(api.requestValidators);
  if (validators) definition.requestValidators = validators;
  if (api.defaultRequestValidator) definition.defaultRequestValidator = api.defaultRequestValidator;
  return definition;
}

/** The stored validators, each checked: a hand-edited row with a malformed entry leaves that entry out. */
function storedValidators(value: unknown): Record<string, RequestValidatorRules> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const validators: Record<string, RequestValidatorRules> = {};
  for (const [name, rules] of Object.entries(value)) {
    const parsed = requestValidatorRulesSchema.safeParse(rules);
    if (parsed.success) validators[name] = parsed.data;
  }
  return Object.keys(validators).length > 0 ? validators : undefined;
}

export async function exportApi(options: ExportApiOptions, db: Db = prisma): Promise<ExportApiResult> {
  const definition = await loadApiDefinition(options.apiId, db);
  const document = exportDefinition(definition, { format: options.format, extensions: options.extensions });
  const slug =
    definition.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "api";
  const suffix = options.format === "swagger2" ? "swagger" : options.format;
  return {
    body: serializeDocument(document, options.type),
    filename: `${slug}-${suffix}${options.extensions === "aws" ? "-aws" : ""}.${options.type === "json" ? "json" : "yaml"}`,
    contentType: options.type === "json" ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8",
  };
}
