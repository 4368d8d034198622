import { z } from "zod";

import { cursorSchema, idSchema, limitSchema, pageSchema, timestampSchema } from "./common";
import { MAPPING_SOURCE, MAPPING_TARGET, PARAMETER_MAPPING_KEY, RESPONSE_MAPPING_SOURCE, RESPONSE_MAPPING_TARGET } from "@/lib/contracts";
import { lambdaUriProblem } from "@/lib/contracts/lambda-target";
import { isValidRegExp } from "@/lib/contracts/regexp";
import { parseTemplate, TemplateSyntaxError } from "@/lib/contracts/template-syntax";

import { integrationUriProblem } from "./integration-uri";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;
export const httpMethodSchema = z.enum(HTTP_METHODS, {
  error: (issue) => (issue.input === undefined ? "httpMethod is required" : `httpMethod must be one of ${HTTP_METHODS.join(", ")}`),
});
export type HttpMethod = z.infer<typeof httpMethodSchema>;

/** Verbs the gateway may use towards an upstream (ANY is a route wildcard, not a verb). */
export const UPSTREAM_HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

export const MIN_INTEGRATION_TIMEOUT_MS = 50;
export const MAX_INTEGRATION_TIMEOUT_MS = 29_000;
export const DEFAULT_INTEGRATION_TIMEOUT_MS = 29_000;
const MAX_MOCK_BODY_LENGTH = 256 * 1024;

export const DEFAULT_MOCK_RESPONSE = {
  statusCode: 200,
  headers: { "content-type": "application/json" },
  body: "{}",
} as const;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const uriSchema = z
  .string()
  .superRefine((value, ctx) => {
    const problem = integrationUriProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({
    description: "Absolute http(s) URL; may use the resource's path parameters as {name} and stage variables as ${stageVariables.name}.",
    example: "https://petstore.example.com/pets/{petId}",
  });

const timeoutSchema = z
  .number()
  .int("timeoutMs must be a whole number of milliseconds")
  .min(MIN_INTEGRATION_TIMEOUT_MS, `timeoutMs must be at least ${MIN_INTEGRATION_TIMEOUT_MS}`)
  .max(MAX_INTEGRATION_TIMEOUT_MS, `timeoutMs must be at most ${MAX_INTEGRATION_TIMEOUT_MS}`);

export const MockResponseSchema = z
  .strictObject({
    statusCode: z.number().int().min(100, "statusCode must be 100-599").max(599, "statusCode must be 100-599").default(200),
    headers: z.record(z.string().regex(HEADER_NAME, "header names must be valid HTTP tokens"), z.string().max(8192)).default({}),
    body: z.string().max(MAX_MOCK_BODY_LENGTH, `body must be at most ${MAX_MOCK_BODY_LENGTH} characters`).default(""),
  })
  .meta({ id: "MockResponse" });

export type MockResponse = z.infer<typeof MockResponseSchema>;

const upstreamMethodSchema = z.enum(UPSTREAM_HTTP_METHODS, {
  error: `httpMethod must be one of ${UPSTREAM_HTTP_METHODS.join(", ")}`,
});

const httpIntegrationFields = {
  uri: uriSchema,
  httpMethod: upstreamMethodSchema
    .nullable()
    .optional()
    .meta({ description: "Verb used towards the upstream; omitted or null means the request's own verb." }),
  timeoutMs: timeoutSchema.default(DEFAULT_INTEGRATION_TIMEOUT_MS),
};

const MAX_TEMPLATE_LENGTH = 300 * 1024;

/** Mapping templates by content type, each checked to parse (the error names its line and column). */
const templatesSchema = z
  .record(
    z
      .string()
      .min(1)
      .max(256)
      .regex(/^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+*-]+$/, "template keys are media types such as application/json"),
    z.string().max(MAX_TEMPLATE_LENGTH, `a mapping template is at most ${MAX_TEMPLATE_LENGTH} characters`),
  )
  .superRefine((templates, ctx) => {
    for (const [contentType, source] of Object.entries(templates)) {
      try {
        parseTemplate(source);
      } catch (error) {
        if (!(error instanceof TemplateSyntaxError)) throw error;
        ctx.addIssue({
          code: "custom",
          path: [contentType],
          message: `The ${contentType} template ${error.message.replace(/^the template /, "")}`,
        });
      }
    }
  })
  .meta({ description: "Velocity mapping templates keyed by media type, as API Gateway's." });

const requestMappingSchema = z
  .record(
    z
      .string()
      .regex(
        MAPPING_TARGET,
        "mapping targets look like integration.request.header.X-Name (path, querystring, header, multivaluequerystring or multivalueheader)",
      ),
    z
      .string()
      .regex(
        MAPPING_SOURCE,
        "mapping sources are method.request.(path|querystring|header|multivaluequerystring|multivalueheader).name, context.variable, stageVariables.name or a 'quoted literal'",
      ),
  )
  .meta({ description: "Parameter mappings, API Gateway style: target → source." });

export const PASSTHROUGH_BEHAVIORS = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"] as const;
export const CONTENT_HANDLINGS = ["CONVERT_TO_TEXT", "CONVERT_TO_BINARY"] as const;

export const IntegrationResponseSchema = z
  .strictObject({
    statusCode: z.string().regex(/^[1-5]\d{2}$/, 'statusCode is an HTTP status code such as "200"'),
    responseParameters: z
      .record(
        z.string().regex(RESPONSE_MAPPING_TARGET, "response parameters map method.response.header.X-Name"),
        z
          .string()
          .regex(
            RESPONSE_MAPPING_SOURCE,
            "response parameter sources are integration.response.header.name, integration.response.body[.field], context.variable, stageVariables.name or a 'quoted literal'",
          ),
      )
      .optional(),
    responseTemplates: templatesSchema.optional(),
    contentHandling: z.enum(CONTENT_HANDLINGS).optional(),
  })
  .meta({ id: "IntegrationResponse" });

/** Integration responses keyed by selection pattern (a Java regex over the status code, or a Lambda error message), `default` for the default one. */
const integrationResponsesSchema = z.record(z.string().min(1).max(1024), IntegrationResponseSchema).superRefine((responses, ctx) => {
  for (const pattern of Object.keys(responses)) {
    if (pattern !== "default" && !isValidRegExp(pattern)) {
      ctx.addIssue({ code: "custom", path: [pattern], message: `The selection pattern ${pattern} is not a valid regular expression` });
    }
  }
});

/** Mapping templates, parameter mappings and integration responses: what API Gateway does around a non-proxy integration. */
const mappingFields = {
  requestParameters: requestMappingSchema.optional(),
  requestTemplates: templatesSchema.optional(),
  passthroughBehavior: z
    .enum(PASSTHROUGH_BEHAVIORS, { error: `passthroughBehavior must be one of ${PASSTHROUGH_BEHAVIORS.join(", ")}` })
    .optional(),
  contentHandling: z.enum(CONTENT_HANDLINGS, { error: `contentHandling must be ${CONTENT_HANDLINGS.join(" or ")}` }).optional(),
  responses: integrationResponsesSchema.optional(),
};

const lambdaUriSchema = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    const problem = lambdaUriProblem(value);
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({
    description:
      "arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations, a function ARN, or an http(s) URL receiving the event.",
  });

const parameterMappingSchema = z
  .record(
    z
      .string()
      .regex(
        PARAMETER_MAPPING_KEY,
        "parameter mapping keys are append:, overwrite: or remove: followed by header.name, querystring.name or path",
      ),
    z.string().max(2048),
  )
  .meta({
    description:
      "HTTP API parameter mapping: values may use $request.header.x, $request.querystring.x, $request.path.x, $context.x, $stageVariables.x.",
  });

export const integrationBodySchema = z
  .discriminatedUnion(
    "type",
    [
      z.strictObject({ type: z.literal("HTTP_PROXY"), ...httpIntegrationFields, parameterMapping: parameterMappingSchema.optional() }),
      z.strictObject({ type: z.literal("HTTP"), ...httpIntegrationFields, ...mappingFields }),
      z.strictObject({
        type: z.literal("MOCK"),
        mockResponse: MockResponseSchema.optional().meta({
          description: "What the gateway answers when the mock has no integration responses; defaults to 200 with the body {}.",
        }),
        timeoutMs: timeoutSchema.optional(),
        ...mappingFields,
      }),
      z.strictObject({
        type: z.literal("AWS"),
        uri: lambdaUriSchema,
        timeoutMs: timeoutSchema.default(DEFAULT_INTEGRATION_TIMEOUT_MS),
        ...mappingFields,
      }),
      z.strictObject({
        type: z.literal("AWS_PROXY"),
        uri: lambdaUriSchema,
        timeoutMs: timeoutSchema.default(DEFAULT_INTEGRATION_TIMEOUT_MS),
        payloadFormatVersion: z.enum(["1.0", "2.0"], { error: 'payloadFormatVersion must be "1.0" or "2.0"' }).optional(),
        contentHandling: z.enum(CONTENT_HANDLINGS).optional(),
      }),
    ],
    { error: "type must be HTTP_PROXY, HTTP, MOCK, AWS (Lambda) or AWS_PROXY (Lambda proxy)" },
  )
  .meta({ id: "IntegrationBody" });

export type IntegrationBody = z.infer<typeof integrationBodySchema>;

export const IntegrationSchema = z
  .object({
    type: z.enum(["HTTP_PROXY", "HTTP", "MOCK", "AWS", "AWS_PROXY"]).meta({
      description: "AWS and AWS_PROXY call Lambda functions; other AWS services are kept from imports but not served.",
    }),
    httpMethod: z.string().nullable(),
    uri: z.string().nullable(),
    timeoutMs: z.number().int(),
    mockResponse: z.object({ statusCode: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string() }).nullable(),
    requestParameters: z.record(z.string(), z.string()),
    requestTemplates: z.record(z.string(), z.string()),
    passthroughBehavior: z.string().nullable(),
    contentHandling: z.string().nullable(),
    payloadFormatVersion: z.string().nullable(),
    parameterMapping: z.record(z.string(), z.string()),
    responses: z.record(
      z.string(),
      z.object({
        statusCode: z.string(),
        responseParameters: z.record(z.string(), z.string()).optional(),
        responseTemplates: z.record(z.string(), z.string()).optional(),
        contentHandling: z.string().optional(),
      }),
    ),
  })
  .meta({ id: "Integration" });

export type IntegrationDto = z.infer<typeof IntegrationSchema>;

export const REQUEST_PARAMETER_LOCATIONS = ["path", "querystring", "header"] as const;

export const RequestParameterSchema = z
  .strictObject({
    in: z.enum(REQUEST_PARAMETER_LOCATIONS, { error: "in must be path, querystring or header" }),
    name: z
      .string()
      .min(1, "name must not be empty")
      .max(128, "name must be at most 128 characters")
      .regex(/^[A-Za-z0-9._~!$&'*+^`|-]+$/, "name may contain letters, digits and - . _ ~ ! $ & ' * + ^ ` |"),
    required: z.boolean().default(false),
  })
  .meta({ id: "RequestParameter" });

export type RequestParameter = z.infer<typeof RequestParameterSchema>;

const requestParametersSchema = z
  .array(RequestParameterSchema)
  .max(100, "at most 100 request parameters")
  .superRefine((parameters, ctx) => {
    const seen = new Set<string>();
    parameters.forEach((parameter, index) => {
      // Header names are case-insensitive on the wire.
      const key = `${parameter.in}:${parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "name"],
          message: `The ${parameter.in} parameter ${parameter.name} is declared twice; remove one`,
        });
      }
      seen.add(key);
    });
  });

export const AUTHORIZATION_TYPES = ["NONE", "API_KEY", "JWT", "COGNITO_USER_POOLS", "CUSTOM"] as const;
/** The authorizer types each authorization accepts (CUSTOM: a Lambda authorizer). */
export const AUTHORIZER_TYPES_FOR_AUTHORIZATION = {
  NONE: [],
  API_KEY: [],
  JWT: ["JWT"],
  COGNITO_USER_POOLS: ["COGNITO_USER_POOLS"],
  CUSTOM: ["TOKEN", "REQUEST"],
} as const satisfies Record<(typeof AUTHORIZATION_TYPES)[number], readonly string[]>;
export const REQUEST_VALIDATORS = ["NONE", "BODY", "PARAMS", "BODY_AND_PARAMS"] as const;

const methodFields = {
  operationName: z.string().trim().min(1).max(128, "operationName must be at most 128 characters").nullable(),
  authorizationType: z.enum(AUTHORIZATION_TYPES, { error: `authorizationType must be one of ${AUTHORIZATION_TYPES.join(", ")}` }),
  authorizerId: idSchema.nullable().meta({ description: "The API's authorizer, for JWT, COGNITO_USER_POOLS and CUSTOM authorization." }),
  authorizationScopes: z
    .array(z.string().trim().min(1).max(256))
    .max(50)
    .meta({ description: "JWT and COGNITO_USER_POOLS: the token must carry one of these scopes." }),
  apiKeyRequired: z.boolean().meta({ description: "Defaults to true when authorizationType is API_KEY." }),
  requestParameters: requestParametersSchema,
  requestModelId: idSchema.nullable().meta({ description: "A model of the same API validating the request body." }),
  requestValidator: z.enum(REQUEST_VALIDATORS, { error: `requestValidator must be one of ${REQUEST_VALIDATORS.join(", ")}` }),
  integration: integrationBodySchema.nullable(),
};

/** Everything of a method but its verb, with the defaults a new method gets. */
const methodDefinitionShape = {
  operationName: methodFields.operationName.optional(),
  authorizationType: methodFields.authorizationType.default("NONE"),
  authorizerId: methodFields.authorizerId.optional(),
  authorizationScopes: methodFields.authorizationScopes.default([]),
  apiKeyRequired: methodFields.apiKeyRequired.optional(),
  requestParameters: methodFields.requestParameters.default([]),
  requestModelId: methodFields.requestModelId.optional(),
  requestValidator: methodFields.requestValidator.default("NONE"),
  integration: methodFields.integration.optional(),
};

export const createMethodBodySchema = z
  .strictObject({ httpMethod: httpMethodSchema, ...methodDefinitionShape })
  .meta({ id: "CreateMethodBody" });

export type CreateMethodBody = z.infer<typeof createMethodBodySchema>;

/** PUT .../methods/{httpMethod}: the verb comes from the URL; a body naming another verb is rejected. */
export const putMethodBodySchema = z
  .strictObject({ httpMethod: httpMethodSchema.optional(), ...methodDefinitionShape })
  .meta({ id: "PutMethodBody" });

export type PutMethodBody = z.infer<typeof putMethodBodySchema>;

/** PATCH: only the fields present change; `integration` replaces the whole integration (null removes it). */
export const updateMethodBodySchema = z
  .strictObject({
    httpMethod: httpMethodSchema.optional().meta({ description: "Changes the method's verb." }),
    operationName: methodFields.operationName.optional(),
    authorizationType: methodFields.authorizationType.optional(),
    authorizerId: methodFields.authorizerId.optional(),
    authorizationScopes: methodFields.authorizationScopes.optional(),
    apiKeyRequired: methodFields.apiKeyRequired.optional(),
    requestParameters: methodFields.requestParameters.optional(),
    requestModelId: methodFields.requestModelId.optional(),
    requestValidator: methodFields.requestValidator.optional(),
    integration: methodFields.integration.optional(),
  })
  .meta({ id: "UpdateMethodBody" });

export type UpdateMethodBody = z.infer<typeof updateMethodBodySchema>;

export const MethodSchema = z
  .object({
    id: z.string(),
    resourceId: z.string(),
    httpMethod: z.string(),
    operationName: z.string().nullable(),
    authorizationType: z.enum(AUTHORIZATION_TYPES),
    authorizerId: z.string().nullable(),
    authorizationScopes: z.array(z.string()),
    apiKeyRequired: z.boolean(),
    requestParameters: z.array(z.object({ in: z.enum(REQUEST_PARAMETER_LOCATIONS), name: z.string(), required: z.boolean() })),
    requestModelId: z.string().nullable(),
    requestValidator: z.enum(REQUEST_VALIDATORS),
    integration: IntegrationSchema.nullable(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "Method" });

export const listMethodsQuerySchema = z.strictObject({
  cursor: cursorSchema.optional(),
  limit: limitSchema.optional(),
});

export const MethodListSchema = pageSchema(MethodSchema).meta({ id: "MethodList" });

export type MethodDto = z.infer<typeof MethodSchema>;

export const methodParamsSchema = z.object({
  apiId: idSchema.meta({ description: "The API's id." }),
  resourceId: idSchema.meta({ description: "The resource's id." }),
  httpMethod: z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(httpMethodSchema)
    .meta({ description: "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY (case-insensitive)." }),
});
