import { methodTestInvokeBodySchema, MethodTestInvokeResultSchema } from "@/lib/schemas/method-test-invoke";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";

import {
  ApiDetailSchema,
  ApiPageSchema,
  apiParamsSchema,
  ApiSchema,
  createApiBodySchema,
  listApisQuerySchema,
  updateApiBodySchema,
} from "@/lib/schemas/api";
import {
  exportApiQuerySchema,
  ImportApiResultSchema,
  importApiQuerySchema,
  InvalidDocumentResponseSchema,
} from "@/lib/schemas/import-export";
import {
  createMethodBodySchema,
  integrationBodySchema,
  IntegrationSchema,
  listMethodsQuerySchema,
  MethodListSchema,
  methodParamsSchema,
  MethodSchema,
  putMethodBodySchema,
  updateMethodBodySchema,
} from "@/lib/schemas/method";
import {
  createModelBodySchema,
  listModelsQuerySchema,
  ModelPageSchema,
  modelParamsSchema,
  ModelSchema,
  updateModelBodySchema,
} from "@/lib/schemas/model";
import {
  createResourceBodySchema,
  deleteResourceQuerySchema,
  listResourcesQuerySchema,
  ResourceDetailSchema,
  ResourcePageSchema,
  resourceParamsSchema,
  ResourceSummarySchema,
  updateResourceBodySchema,
} from "@/lib/schemas/resource";

import {
  AuthorizerListSchema,
  authorizerParamsSchema,
  AuthorizerSchema,
  createAuthorizerBodySchema,
  putAuthorizerBodySchema,
  testAuthorizerBodySchema,
  TestAuthorizerResultSchema,
} from "@/lib/schemas/authorizer";

import { BODY_ERRORS, errors, jsonBody, noContent, ok } from "./responses";

// The operations that design an API: APIs, resources, methods, integrations,
// models, authorizers, and importing and exporting OpenAPI documents.

const apiEnvelope = z.object({ api: ApiSchema });
const resourceEnvelope = z.object({ resource: ResourceSummarySchema });
const methodEnvelope = z.object({ method: MethodSchema });
const modelEnvelope = z.object({ model: ModelSchema });
const authorizerEnvelope = z.object({ authorizer: AuthorizerSchema });

export const designPaths: ZodOpenApiPathsObject = {
  "/apis": {
    get: {
      operationId: "listApis",
      tags: ["APIs"],
      summary: "List APIs, newest first",
      requestParams: { query: listApisQuerySchema },
      responses: { ...ok("200", "A page of APIs.", ApiPageSchema), ...errors("422") },
    },
    post: {
      operationId: "createApi",
      tags: ["APIs"],
      summary: "Create an API (with its root resource /)",
      requestBody: jsonBody(createApiBodySchema),
      responses: { ...ok("201", "The new API.", apiEnvelope), ...errors(...BODY_ERRORS) },
    },
  },
  "/apis/import": {
    post: {
      operationId: "importApi",
      tags: ["APIs"],
      summary: "Create or update an API from an OpenAPI 3.x or Swagger 2.0 document",
      requestParams: { query: importApiQuerySchema },
      requestBody: {
        required: true,
        content: {
          "application/json": { schema: z.record(z.string(), z.unknown()) },
          "application/yaml": { schema: z.string() },
        },
      },
      responses: {
        ...ok("201", "The imported API and a report of how each feature was handled.", ImportApiResultSchema),
        "400": {
          description: "The document was rejected; details locate each problem.",
          content: { "application/json": { schema: InvalidDocumentResponseSchema } },
        },
        ...errors("404", "413", "415", "422"),
      },
    },
  },
  "/apis/{apiId}/export": {
    get: {
      operationId: "exportApi",
      tags: ["APIs"],
      summary: "Export an API as an OpenAPI or Swagger document",
      requestParams: { path: apiParamsSchema, query: exportApiQuerySchema },
      responses: {
        "200": {
          description: "The document, as an attachment.",
          content: {
            "application/yaml": { schema: z.string() },
            "application/json": { schema: z.record(z.string(), z.unknown()) },
          },
        },
        ...errors("404", "422"),
      },
    },
  },
  "/apis/{apiId}": {
    get: {
      operationId: "getApi",
      tags: ["APIs"],
      summary: "Get an API with resource and method counts",
      requestParams: { path: apiParamsSchema },
      responses: { ...ok("200", "The API.", z.object({ api: ApiDetailSchema })), ...errors("404") },
    },
    patch: {
      operationId: "updateApi",
      tags: ["APIs"],
      summary: "Change an API's settings",
      requestParams: { path: apiParamsSchema },
      requestBody: jsonBody(updateApiBodySchema),
      responses: { ...ok("200", "The updated API.", apiEnvelope), ...errors("404", ...BODY_ERRORS) },
    },
    delete: {
      operationId: "deleteApi",
      tags: ["APIs"],
      summary: "Delete an API and everything it owns",
      requestParams: { path: apiParamsSchema },
      responses: { ...noContent, ...errors("404") },
    },
  },
  "/apis/{apiId}/resources": {
    get: {
      operationId: "listResources",
      tags: ["Resources"],
      summary: "List an API's resources ordered by path (the whole tree when limit is omitted)",
      requestParams: { path: apiParamsSchema, query: listResourcesQuerySchema },
      responses: { ...ok("200", "A page of resources.", ResourcePageSchema), ...errors("404", "422") },
    },
    post: {
      operationId: "createResource",
      tags: ["Resources"],
      summary: "Create a child resource",
      requestParams: { path: apiParamsSchema },
      requestBody: jsonBody(createResourceBodySchema),
      responses: { ...ok("201", "The new resource.", resourceEnvelope), ...errors("404", "409", ...BODY_ERRORS) },
    },
  },
  "/apis/{apiId}/resources/{resourceId}": {
    get: {
      operationId: "getResource",
      tags: ["Resources"],
      summary: "Get a resource with its methods and integrations",
      requestParams: { path: resourceParamsSchema },
      responses: { ...ok("200", "The resource.", z.object({ resource: ResourceDetailSchema })), ...errors("404") },
    },
    patch: {
      operationId: "renameResource",
      tags: ["Resources"],
      summary: "Rename a resource's path part; the paths of its whole subtree follow",
      requestParams: { path: resourceParamsSchema },
      requestBody: jsonBody(updateResourceBodySchema),
      responses: { ...ok("200", "The renamed resource.", resourceEnvelope), ...errors("404", "409", ...BODY_ERRORS) },
    },
    delete: {
      operationId: "deleteResource",
      tags: ["Resources"],
      summary: "Delete a resource; with children only when recursive=true (409 has_children otherwise)",
      requestParams: { path: resourceParamsSchema, query: deleteResourceQuerySchema },
      responses: { ...noContent, ...errors("404", "409", "422") },
    },
  },
  "/apis/{apiId}/resources/{resourceId}/methods": {
    get: {
      operationId: "listMethods",
      tags: ["Methods"],
      summary: "List a resource's methods in the usual verb order",
      requestParams: { path: resourceParamsSchema, query: listMethodsQuerySchema },
      responses: { ...ok("200", "A page of the resource's methods.", MethodListSchema), ...errors("404", "422") },
    },
    post: {
      operationId: "createMethod",
      tags: ["Methods"],
      summary: "Create a method and its integration",
      requestParams: { path: resourceParamsSchema },
      requestBody: jsonBody(createMethodBodySchema),
      responses: { ...ok("201", "The new method.", methodEnvelope), ...errors("404", "409", ...BODY_ERRORS) },
    },
  },
  "/apis/{apiId}/resources/{resourceId}/methods/{httpMethod}": {
    get: {
      operationId: "getMethod",
      tags: ["Methods"],
      summary: "Get a method with its integration",
      requestParams: { path: methodParamsSchema },
      responses: { ...ok("200", "The method.", methodEnvelope), ...errors("404") },
    },
    put: {
      operationId: "putMethod",
      tags: ["Methods"],
      summary: "Create the method, or replace every field of it (201 when created, 200 when replaced)",
      requestParams: { path: methodParamsSchema },
      requestBody: jsonBody(putMethodBodySchema),
      responses: {
        ...ok("200", "The replaced method.", methodEnvelope),
        ...ok("201", "The new method.", methodEnvelope),
        ...errors("404", ...BODY_ERRORS),
      },
    },
    patch: {
      operationId: "updateMethod",
      tags: ["Methods"],
      summary: "Change the fields present; integration replaces the whole integration",
      requestParams: { path: methodParamsSchema },
      requestBody: jsonBody(updateMethodBodySchema),
      responses: { ...ok("200", "The updated method.", methodEnvelope), ...errors("404", "409", ...BODY_ERRORS) },
    },
    delete: {
      operationId: "deleteMethod",
      tags: ["Methods"],
      summary: "Delete a method and its integration",
      requestParams: { path: methodParamsSchema },
      responses: { ...noContent, ...errors("404") },
    },
  },
  "/apis/{apiId}/resources/{resourceId}/methods/{httpMethod}/integration": {
    get: {
      operationId: "getIntegration",
      tags: ["Methods"],
      summary: "Get a method's integration",
      requestParams: { path: methodParamsSchema },
      responses: { ...ok("200", "The integration.", z.object({ integration: IntegrationSchema })), ...errors("404") },
    },
    put: {
      operationId: "putIntegration",
      tags: ["Methods"],
      summary: "Set a method's integration (201 when created, 200 when replaced)",
      requestParams: { path: methodParamsSchema },
      requestBody: jsonBody(integrationBodySchema),
      responses: {
        ...ok("200", "The replaced integration.", z.object({ integration: IntegrationSchema })),
        ...ok("201", "The new integration.", z.object({ integration: IntegrationSchema })),
        ...errors("404", ...BODY_ERRORS),
      },
    },
  },
  "/apis/{apiId}/resources/{resourceId}/methods/{httpMethod}/test-invoke": {
    post: {
      operationId: "testInvokeMethod",
      tags: ["Methods"],
      summary: "Run one request through the method as saved, without deploying it, and show each step of its integration",
      requestParams: { path: methodParamsSchema },
      requestBody: jsonBody(methodTestInvokeBodySchema),
      responses: {
        ...ok("200", "The answer and the integration's steps.", z.object({ result: MethodTestInvokeResultSchema })),
        ...errors("404", ...BODY_ERRORS),
      },
    },
  },
  "/apis/{apiId}/models": {
    get: {
      operationId: "listModels",
      tags: ["Models"],
      summary: "List an API's models by name",
      requestParams: { path: apiParamsSchema, query: listModelsQuerySchema },
      responses: { ...ok("200", "A page of models.", ModelPageSchema), ...errors("404", "422") },
    },
    post: {
      operationId: "createModel",
      tags: ["Models"],
      summary: "Create a model (a JSON Schema for request bodies)",
      requestParams: { path: apiParamsSchema },
      requestBody: jsonBody(createModelBodySchema),
      responses: { ...ok("201", "The new model.", modelEnvelope), ...errors("404", "409", ...BODY_ERRORS) },
    },
  },
  "/apis/{apiId}/models/{modelId}": {
    get: {
      operationId: "getModel",
      tags: ["Models"],
      summary: "Get a model",
      requestParams: { path: modelParamsSchema },
      responses: { ...ok("200", "The model.", modelEnvelope), ...errors("404") },
    },
    patch: {
      operationId: "updateModel",
      tags: ["Models"],
      summary: "Change a model",
      requestParams: { path: modelParamsSchema },
      requestBody: jsonBody(updateModelBodySchema),
      responses: { ...ok("200", "The updated model.", modelEnvelope), ...errors("404", "409", ...BODY_ERRORS) },
    },
    delete: {
      operationId: "deleteModel",
      tags: ["Models"],
      summary: "Delete a model no method uses (409 while one does)",
      requestParams: { path: modelParamsSchema },
      responses: { ...noContent, ...errors("404", "409") },
    },
  },
  "/apis/{apiId}/authorizers": {
    get: {
      operationId: "listAuthorizers",
      tags: ["Authorizers"],
      summary: "List an API's authorizers by name",
      requestParams: { path: apiParamsSchema },
      responses: { ...ok("200", "The API's authorizers.", AuthorizerListSchema), ...errors("404") },
    },
    post: {
      operationId: "createAuthorizer",
      tags: ["Authorizers"],
      summary: "Create an authorizer: a JWT issuer, Cognito user pools, or a Lambda function (TOKEN or REQUEST)",
      requestParams: { path: apiParamsSchema },
      requestBody: jsonBody(createAuthorizerBodySchema),
      responses: { ...ok("201", "The new authorizer.", authorizerEnvelope), ...errors("404", "409", ...BODY_ERRORS) },
    },
  },
  "/apis/{apiId}/authorizers/{authorizerId}": {
    get: {
      operationId: "getAuthorizer",
      tags: ["Authorizers"],
      summary: "Get an authorizer",
      requestParams: { path: authorizerParamsSchema },
      responses: { ...ok("200", "The authorizer.", authorizerEnvelope), ...errors("404") },
    },
    put: {
      operationId: "replaceAuthorizer",
      tags: ["Authorizers"],
      summary: "Replace an authorizer's definition (409 when a method using it cannot take the new type)",
      requestParams: { path: authorizerParamsSchema },
      requestBody: jsonBody(putAuthorizerBodySchema),
      responses: { ...ok("200", "The replaced authorizer.", authorizerEnvelope), ...errors("404", "409", ...BODY_ERRORS) },
    },
    delete: {
      operationId: "deleteAuthorizer",
      tags: ["Authorizers"],
      summary: "Delete an authorizer no method uses (409 while one does)",
      requestParams: { path: authorizerParamsSchema },
      responses: { ...noContent, ...errors("404", "409") },
    },
  },
  "/apis/{apiId}/authorizers/{authorizerId}/test": {
    post: {
      operationId: "testAuthorizer",
      tags: ["Authorizers"],
      summary:
        "Run an authorizer once on a gateway node against a described request (no result cache), as API Gateway's TestInvokeAuthorizer",
      requestParams: { path: authorizerParamsSchema },
      requestBody: jsonBody(testAuthorizerBodySchema),
      responses: {
        ...ok("200", "What the gateway would decide.", z.object({ result: TestAuthorizerResultSchema })),
        ...errors("404", "409", "502", ...BODY_ERRORS),
      },
    },
  },
};
