import "server-only";

import { compileDefinition, type ApiDefinitionSource, type Definition, type MethodSource } from "@/lib/deploy/compile-snapshot";
import { referencedDefinitions, withModelDefinitions } from "@/lib/openapi/schema-refs";
import { apiNotFound } from "@/lib/server/apis/get-api";
import { prisma, type Db } from "@/lib/server/db";

/** Reads what the compiler needs of an API in one query. */
export async function loadApiDefinitionSource({ apiId }: { apiId: string }, db: Db = prisma): Promise<ApiDefinitionSource> {
  const api = await db.api.findUnique({
    where: { id: apiId },
    select: {
      id: true,
      name: true,
      cors: true,
      binaryMediaTypes: true,
      apiKeySource: true,
      gatewayResponses: true,
      authorizers: { select: { id: true, name: true, type: true, identitySource: true, config: true } },
      resources: {
        select: {
          path: true,
          methods: {
            select: {
              httpMethod: true,
              authorizationType: true,
              authorizerId: true,
              authorizationScopes: true,
              apiKeyRequired: true,
              requestParameters: true,
              requestValidator: true,
              requestModel: { select: { schema: true } },
              integration: {
                select: {
                  type: true,
                  httpMethod: true,
                  uri: true,
                  timeoutMs: true,
                  requestParameters: true,
                  requestTemplates: true,
                  passthroughBehavior: true,
                  contentHandling: true,
                  payloadFormatVersion: true,
                  parameterMapping: true,
                  responses: true,
                  mockResponse: true,
                },
              },
            },
          },
        },
      },
    },
  });
  if (!api) throw apiNotFound(apiId);
  const withDefinitions = await modelDefinitionsFor(api.id, db);
  const methods: MethodSource[] = api.resources.flatMap((resource) =>
    resource.methods.map((method) => ({
      path: resource.path,
      httpMethod: method.httpMethod,
      authorizationType: method.authorizationType,
      authorizerId: method.authorizerId,
      authorizationScopes: method.authorizationScopes,
      apiKeyRequired: method.apiKeyRequired,
      requestParameters: method.requestParameters,
      requestValidator: method.requestValidator,
      requestModelSchema: isSchema(method.requestModel?.schema) ? withDefinitions(method.requestModel.schema) : null,
      integration: method.integration,
    })),
  );
  return {
    id: api.id,
    name: api.name,
    cors: api.cors,
    binaryMediaTypes: api.binaryMediaTypes,
    apiKeySource: api.apiKeySource,
    gatewayResponses: api.gatewayResponses,
    authorizers: api.authorizers,
    methods,
  };
}

function isSchema(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Models are stored by reference ("#/definitions/<model>"): a body model is
 * compiled with the models it reaches under its definitions. The API's
 * models are read once per deployment, each body model assembled once.
 */
async function modelDefinitionsFor(apiId: string, db: Db): Promise<(schema: Record<string, unknown>) => Record<string, unknown>> {
  const all = await db.model.findMany({ where: { apiId }, select: { name: true, schema: true } });
  const models = new Map(all.flatMap((model) => (isSchema(model.schema) ? [[model.name, model.schema] as const] : [])));
  const cache = new Map<Record<string, unknown>, Record<string, unknown>>();
  return (schema) => {
    if (referencedDefinitions(schema).size === 0) return schema;
    let assembled = cache.get(schema);
    if (!assembled) {
      assembled = withModelDefinitions(schema, (name) => models.get(name));
      cache.set(schema, assembled);
    }
    return assembled;
  };
}

/** The API's current definition, compiled; throws UnservableDefinitionError when a method cannot be served. */
export async function compileCurrentDefinition({ apiId }: { apiId: string }, db: Db = prisma): Promise<Definition> {
  return compileDefinition(await loadApiDefinitionSource({ apiId }, db));
}
