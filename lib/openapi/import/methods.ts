import type { MethodDefinition, MethodResponse } from "../model";
import { appendPointer, isRecord } from "../pointer";
import { isDanglingRef, isValidResponseCode, resolveRef } from "../validate";
import { AWS_PREFIX, readIntegration, readValidator, reportUnhandledExtension } from "./aws-extensions";
import { truncate, type ConvertContext } from "./context";
import { modelFor, operationLabel } from "./models";
import { mediaTypeOf, readParameters, readRequestBody } from "./parameters";
import { readSecurity } from "./security";

const JSON_TYPE = "application/json";

const HANDLED_OPERATION_KEYS = new Set([
  "operationId",
  "summary",
  "parameters",
  "requestBody",
  "responses",
  "security",
  "consumes",
  "produces",
  "description",
  "x-amazon-apigateway-integration",
  "x-amazon-apigateway-request-validator",
]);

/** One operation of a path item → a method. */
export function readMethod(
  ctx: ConvertContext,
  httpMethod: MethodDefinition["httpMethod"],
  operation: Record<string, unknown>,
  item: Record<string, unknown>,
  pointer: string,
  path: string,
): MethodDefinition {
  const method: MethodDefinition = {
    httpMethod,
    authorizationType: "NONE",
    apiKeyRequired: false,
    requestParameters: [],
    requestValidator: "NONE",
    responses: {},
  };
  // A repeated operation id was reported by validation; only its first operation is named by it.
  if (typeof operation.operationId === "string" && operation.operationId && !ctx.operationIds.has(operation.operationId)) {
    ctx.operationIds.add(operation.operationId);
    method.operationName = truncate(operation.operationId, 128);
  }
  if (typeof operation.summary === "string" && operation.summary) method.summary = truncate(operation.summary, 1024);

  const { parameters, body: parameterBody } = readParameters(ctx, operation, item, pointer, path, httpMethod);
  method.requestParameters = parameters;
  const body = ctx.version === "2.0" ? parameterBody : readRequestBody(ctx, operation, pointer, httpMethod, path);
  if (body) {
    method.requestModelName = body.model;
    if (body.contentType !== JSON_TYPE) method.requestContentType = body.contentType;
  }
  method.responses = readResponses(ctx, operation, pointer, httpMethod, path);
  readSecurity(ctx, method, operation, pointer);
  readValidator(ctx, method, operation, pointer);

  const integration = operation[`${AWS_PREFIX}integration`];
  if (isRecord(integration)) {
    method.integration = readIntegration(ctx, integration, appendPointer(pointer, `${AWS_PREFIX}integration`));
  } else {
    ctx.missingIntegrations++;
  }
  for (const key of Object.keys(operation)) {
    if (HANDLED_OPERATION_KEYS.has(key)) continue;
    if (key.startsWith("x-")) reportUnhandledExtension(ctx, appendPointer(pointer, key), key);
    else if (key !== "tags" && key !== "externalDocs")
      ctx.report.add(appendPointer(pointer, key), key, "ignored", `${key} on an operation is not used by Portico.`);
  }
  return method;
}

function readResponses(
  ctx: ConvertContext,
  operation: Record<string, unknown>,
  pointer: string,
  httpMethod: string,
  path: string,
): Record<string, MethodResponse> {
  const responses: Record<string, MethodResponse> = {};
  if (!isRecord(operation.responses)) return responses;
  for (const [code, raw] of Object.entries(operation.responses)) {
    // Invalid codes and dangling references were reported by validation.
    if (!isValidResponseCode(ctx.version, code) || isDanglingRef(ctx.root, raw)) continue;
    const response = resolveRef(ctx.root, raw);
    // The placeholder Portico's export adds where 2.0 and 3.0 require a response.
    if (!isRecord(response) || response["x-portico-generated"] === true) continue;
    const entry: MethodResponse = {};
    if (typeof response.description === "string" && response.description) entry.description = response.description;
    let schema: unknown;
    let contentType = JSON_TYPE;
    if (ctx.version === "2.0") {
      schema = response.schema;
      // Portico's export names a response's type where produces cannot.
      const recorded = response["x-portico-content-type"];
      contentType = typeof recorded === "string" ? recorded : mediaTypeOf(operation.produces, ctx.root.produces);
    } else if (isRecord(response.content)) {
      const entries = Object.entries(response.content).filter(([, media]) => isRecord(media) && media.schema !== undefined);
      const chosen = entries.find(([type]) => type.includes("json")) ?? entries[0];
      if (chosen) {
        contentType = chosen[0];
        schema = (chosen[1] as Record<string, unknown>).schema;
      }
    }
    const modelName =
      schema === undefined
        ? undefined
        : modelFor(ctx, schema, contentType, `${operationLabel(httpMethod, path, operation)}Response${code}`);
    if (modelName !== undefined) {
      entry.modelName = modelName;
      if (contentType !== JSON_TYPE) entry.contentType = contentType;
    }
    responses[code] = entry;
  }
  if (Object.keys(responses).length > 0) {
    ctx.report.add(
      appendPointer(pointer, "responses"),
      "responses",
      "applied",
      "Responses are kept with their descriptions and models for documentation and export.",
    );
  }
  return responses;
}
