import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { randomUUID } from "node:crypto";

import { notFound, badRequest } from "@/lib/errors/api-error";
import { importOpenApiText, type ImportTimings } from "@/lib/openapi/import";
import type { ApiDefinition, ImportReportEntry } from "@/lib/openapi/model";
import { DocumentRejectedError } from "@/lib/openapi/problems";
import { toPointer } from "@/lib/openapi/pointer";
import { isVariablePathPart } from "@/lib/schemas/resource-path";
import type { ApiDto } from "@/lib/schemas/api";
import { toApiDto } from "@/lib/server/apis/serialize-api";
import { recordEvent } from "@/lib/server/audit/record-event";
import { lockResourceTree } from "@/lib/server/resources/lock-resources";
import { Prisma, prisma, type Tx } from "@/lib/server/db";

import { authorizerColumns } from "@/lib/schemas/authorizer";
import { bulkInsert } from "./bulk-insert";

export type ImportMode = "new" | "merge" | "overwrite";

export interface ImportApiOptions {
  text: string;
  mode: ImportMode;
  /** Required for merge and overwrite. */
  apiId?: string;
  actor: Actor;
  /** As AWS's failonwarnings: nothing is imported when the report has warnings (outcome skipped). */
  failOnWarnings?: boolean;
  /** Filled with how long each step took, for the benchmark. */
  timings?: Partial<ImportTimings & { writeMs: number }>;
}

export interface ImportApiResult {
  api: ApiDto;
  report: ImportReportEntry[];
}

/** A 600-operation import writes a few thousand rows; the default 5 s interactive transaction is too tight on a busy machine. */
const TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * Imports an OpenAPI or Swagger document as a new API, into an existing one
 * (merge: the document's resources and methods are added or replaced, others
 * kept), or over one (overwrite: resources, methods and models replaced).
 * Everything is written in one transaction: a failure writes nothing.
 */
export async function importApi(options: ImportApiOptions): Promise<ImportApiResult> {
  const { text, mode, apiId, actor, timings, failOnWarnings } = options;
  if (mode !== "new" && !apiId)
    throw badRequest(`Importing with mode=${mode} needs the apiId of the API to ${mode === "merge" ? "merge into" : "overwrite"}.`);
  const { definition, report, version } = importOpenApiText(text, { timings, failOnWarnings });
  checkVariableSiblings(definition);

  const started = performance.now();
  const api = await prisma.$transaction(
    async (tx) => {
      const target = await writeApi(tx, definition, mode, apiId);
      await writeModels(tx, target.id, definition, mode);
      const resourceIds = await writeResources(tx, target.id, definition, mode);
      const authorizerIds = await writeAuthorizers(tx, target.id, definition);
      await writeMethods(tx, target.id, definition, resourceIds, authorizerIds, mode);
      await recordEvent(
        {
          actor,
          action: "api.import",
          targetType: "api",
          targetId: target.id,
          apiId: target.id,
          details: {
            mode,
            version,
            resources: definition.resources.length,
            methods: definition.resources.reduce((count, resource) => count + resource.methods.length, 0),
            models: definition.models.length,
          },
        },
        tx,
      );
      return target;
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
  );
  if (timings) timings.writeMs = performance.now() - started;
  return { api: toApiDto(api), report };
}

/**
 * The database allows one variable child per resource ({id} and {name} side
 * by side would be ambiguous routes). The import unifies variable names, so
 * this only guards against a definition that escaped it.
 */
function checkVariableSiblings(definition: ApiDefinition) {
  const variableChild = new Map<string, string>();
  for (const path of allPaths(definition)) {
    const { parent, part } = splitPath(path);
    if (!isVariablePathPart(part)) continue;
    const existing = variableChild.get(parent);
    if (existing && existing !== part) {
      const message = `The paths ${joinPath(parent, existing)} and ${path} put two different variables (${existing} and ${part}) at the same place; a router cannot tell them apart. Rename one so that both use the same variable name.`;
      throw new DocumentRejectedError(`The document cannot be imported: ${message}`, [{ pointer: toPointer(["paths", path]), message }]);
    }
    variableChild.set(parent, part);
  }
}

async function writeApi(tx: Tx, definition: ApiDefinition, mode: ImportMode, apiId: string | undefined) {
  const fields = {
    cors: definition.cors ?? Prisma.DbNull,
    gatewayResponses: (definition.gatewayResponses as Prisma.InputJsonObject | undefined) ?? Prisma.DbNull,
    binaryMediaTypes: definition.binaryMediaTypes,
    apiKeySource: definition.apiKeySource,
    requestValidators: definition.requestValidators ?? Prisma.DbNull,
    defaultRequestValidator: definition.defaultRequestValidator ?? null,
  };
  if (mode === "new") {
    return tx.api.create({
      data: { name: definition.name, description: definition.description, version: definition.version ?? null, ...fields },
    });
  }
  const existing = await tx.api.findUnique({ where: { id: apiId } });
  if (!existing) throw notFound(`No API has the id ${apiId}. List APIs with GET /api/v1/apis.`);
  // Merging and overwriting change the resource tree: take the same per-API
  // lock as the console's resource edits, so a concurrent rename cannot leave
  // an imported child under a stale path.
  await lockResourceTree(existing.id, tx);
  if (mode === "overwrite") {
    await tx.resource.deleteMany({ where: { apiId: existing.id } });
    await tx.model.deleteMany({ where: { apiId: existing.id } });
    // After the resources: their methods (gone now) are what could hold on to an authorizer.
    await tx.authorizer.deleteMany({ where: { apiId: existing.id } });
    return tx.api.update({
      where: { id: existing.id },
      data: { name: definition.name, description: definition.description, version: definition.version ?? null, ...fields },
    });
  }
  // Merge keeps the API's own settings, taking only what the document states.
  return tx.api.update({
    where: { id: existing.id },
    data: {
      ...(definition.cors ? { cors: definition.cors } : {}),
      ...(definition.gatewayResponses ? { gatewayResponses: definition.gatewayResponses as Prisma.InputJsonObject } : {}),
      ...(definition.apiKeySource !== "HEADER" ? { apiKeySource: definition.apiKeySource } : {}),
      binaryMediaTypes: [...new Set([...existing.binaryMediaTypes, ...definition.binaryMediaTypes])],
      ...(definition.requestValidators
        ? { requestValidators: { ...asRecord(existing.requestValidators), ...definition.requestValidators } }
        : {}),
      ...(definition.defaultRequestValidator ? { defaultRequestValidator: definition.defaultRequestValidator } : {}),
    },
  });
}

async function writeModels(tx: Tx, apiId: string, definition: ApiDefinition, mode: ImportMode) {
  let models = definition.models;
  if (mode === "merge") {
    const existing = new Set((await tx.model.findMany({ where: { apiId }, select: { name: true } })).map((model) => model.name));
    for (const model of models.filter((candidate) => existing.has(candidate.name))) {
      await tx.model.update({
        where: { apiId_name: { apiId, name: model.name } },
        data: { description: model.description, contentType: model.contentType, schema: model.schema as Prisma.InputJsonObject },
      });
    }
    models = models.filter((model) => !existing.has(model.name));
  }
  await bulkInsert(
    tx,
    "Model",
    { id: "text", apiId: "text", name: "text", description: "text", contentType: "text", schema: "jsonb" },
    models.map((model) => ({
      id: randomUUID(),
      apiId,
      name: model.name,
      description: model.description,
      contentType: model.contentType,
      schema: model.schema,
    })),
  );
}

/** Creates every resource the paths need (ancestors included) in one statement; returns path → id. */
async function writeResources(tx: Tx, apiId: string, definition: ApiDefinition, mode: ImportMode): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (mode === "merge") {
    for (const resource of await tx.resource.findMany({ where: { apiId }, select: { id: true, path: true } }))
      ids.set(resource.path, resource.id);
  }
  const rows: Array<{
    id: string;
    apiId: string;
    parentId: string | null;
    pathPart: string;
    path: string;
    variableParentId?: string | null;
  }> = [];
  const paths = [...allPaths(definition)].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : 1));
  for (const path of paths) {
    if (ids.has(path)) continue;
    const id = randomUUID();
    ids.set(path, id);
    if (path === "/") {
      rows.push({ id, apiId, parentId: null, pathPart: "", path: "/" });
      continue;
    }
    const { parent, part } = splitPath(path);
    const parentId = ids.get(parent) ?? null;
    rows.push({ id, apiId, parentId, pathPart: part, path, variableParentId: isVariablePathPart(part) ? parentId : null });
  }
  await bulkInsert(
    tx,
    "Resource",
    { id: "text", apiId: "text", parentId: "text", pathPart: "text", path: "text", variableParentId: "text" },
    rows,
  );
  return ids;
}

/** Creates the document's authorizers, or updates the API's ones of the same name (merge); returns every authorizer's id by name. */
async function writeAuthorizers(tx: Tx, apiId: string, definition: ApiDefinition): Promise<Map<string, string>> {
  for (const authorizer of definition.authorizers ?? []) {
    const columns = authorizerColumns(authorizer);
    const data = { type: columns.type, identitySource: columns.identitySource, config: columns.config as Prisma.InputJsonObject };
    await tx.authorizer.upsert({
      where: { apiId_name: { apiId, name: columns.name } },
      create: { apiId, name: columns.name, ...data },
      update: data,
    });
  }
  const rows = await tx.authorizer.findMany({ where: { apiId }, select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.name, row.id]));
}

async function writeMethods(
  tx: Tx,
  apiId: string,
  definition: ApiDefinition,
  resourceIds: Map<string, string>,
  authorizerIds: Map<string, string>,
  mode: ImportMode,
) {
  const modelIds = new Map(
    (await tx.model.findMany({ where: { apiId }, select: { id: true, name: true } })).map((model) => [model.name, model.id]),
  );
  const methods: Array<Record<string, unknown> & { resourceId: string; httpMethod: string }> = [];
  const integrations: Array<Record<string, unknown>> = [];
  for (const resource of definition.resources) {
    const resourceId = resourceIds.get(resource.path) as string;
    for (const method of resource.methods) {
      const id = randomUUID();
      methods.push({
        id,
        resourceId,
        httpMethod: method.httpMethod,
        operationName: method.operationName ?? null,
        summary: method.summary ?? null,
        authorizationType: method.authorizationType,
        authorizerId: method.authorizerName !== undefined ? (authorizerIds.get(method.authorizerName) ?? null) : null,
        authorizationScopes: method.authorizationScopes ?? [],
        apiKeyRequired: method.apiKeyRequired,
        requestParameters: method.requestParameters,
        requestModelId: method.requestModelName ? (modelIds.get(method.requestModelName) ?? null) : null,
        requestValidator: method.requestValidator,
        requestValidatorName: method.requestValidatorName ?? null,
        requestContentType: method.requestContentType ?? null,
        responses: method.responses,
      });
      const integration = method.integration;
      if (integration) {
        integrations.push({
          id: randomUUID(),
          methodId: id,
          type: integration.type,
          httpMethod: integration.httpMethod ?? null,
          uri: integration.uri ?? null,
          timeoutMs: integration.timeoutMs,
          requestParameters: integration.requestParameters,
          requestTemplates: integration.requestTemplates,
          passthroughBehavior: integration.passthroughBehavior ?? null,
          mockResponse: integration.mockResponse ?? null,
          responses: integration.responses,
          contentHandling: integration.contentHandling ?? null,
          payloadFormatVersion: integration.payloadFormatVersion ?? null,
          credentials: integration.credentials ?? null,
          connectionType: integration.connectionType ?? null,
          connectionId: integration.connectionId ?? null,
          parameterMapping: integration.parameterMapping ?? {},
        });
      }
    }
  }
  if (mode === "merge" && methods.length > 0) {
    // Replaced methods go first; their integrations cascade.
    await tx.method.deleteMany({
      where: { OR: methods.map((method) => ({ resourceId: method.resourceId, httpMethod: method.httpMethod })) },
    });
  }
  await bulkInsert(
    tx,
    "Method",
    {
      id: "text",
      resourceId: "text",
      httpMethod: "text",
      operationName: "text",
      summary: "text",
      authorizationType: '"AuthorizationType"',
      authorizerId: "text",
      authorizationScopes: "text[]",
      apiKeyRequired: "boolean",
      requestParameters: "jsonb",
      requestModelId: "text",
      requestValidator: '"RequestValidator"',
      requestValidatorName: "text",
      requestContentType: "text",
      responses: "jsonb",
    },
    methods,
  );
  await bulkInsert(
    tx,
    "Integration",
    {
      id: "text",
      methodId: "text",
      type: '"IntegrationType"',
      httpMethod: "text",
      uri: "text",
      timeoutMs: "integer",
      requestParameters: "jsonb",
      requestTemplates: "jsonb",
      passthroughBehavior: "text",
      mockResponse: "jsonb",
      responses: "jsonb",
      contentHandling: "text",
      payloadFormatVersion: "text",
      credentials: "text",
      connectionType: "text",
      connectionId: "text",
      parameterMapping: "jsonb",
    },
    integrations,
  );
}

/** Every resource path the definition needs: its own paths, their ancestors, and the root. */
function allPaths(definition: ApiDefinition): Set<string> {
  const paths = new Set<string>(["/"]);
  for (const resource of definition.resources) {
    let path = resource.path;
    while (path !== "/" && !paths.has(path)) {
      paths.add(path);
      path = splitPath(path).parent;
    }
  }
  return paths;
}

function splitPath(path: string): { parent: string; part: string } {
  const index = path.lastIndexOf("/");
  return { parent: index <= 0 ? "/" : path.slice(0, index), part: path.slice(index + 1) };
}

function joinPath(parent: string, part: string): string {
  return parent === "/" ? `/${part}` : `${parent}/${part}`;
}

function asRecord(value: unknown): Prisma.InputJsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
}

function depth(path: string): number {
  return path === "/" ? 0 : path.split("/").length - 1;
}
