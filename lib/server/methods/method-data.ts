import "server-only";

import { invalidField } from "@/lib/errors/api-error";
import { uriPathParameterProblem } from "@/lib/schemas/integration-uri";
import { DEFAULT_INTEGRATION_TIMEOUT_MS, DEFAULT_MOCK_RESPONSE, type IntegrationBody, type RequestParameter } from "@/lib/schemas/method";
import { pathParameters } from "@/lib/schemas/resource-path";
import { Prisma, type Tx } from "@/lib/server/db";

/** The rules of a method that depend on its resource and API (the schema checked the rest). */
export async function checkMethodDefinition(
  {
    apiId,
    resourcePath,
    requestParameters,
    requestModelId,
    integration,
  }: {
    apiId: string;
    resourcePath: string;
    requestParameters?: RequestParameter[];
    requestModelId?: string | null;
    integration?: IntegrationBody | null;
  },
  tx: Tx,
): Promise<void> {
  const declared = new Set(pathParameters(resourcePath).map((parameter) => parameter.name));
  requestParameters?.forEach((parameter, index) => {
    if (parameter.in === "path" && !declared.has(parameter.name)) {
      throw invalidField(
        `requestParameters.${index}.name`,
        `The path parameter ${parameter.name} is not in the resource path ${resourcePath}; declare only parameters the path has (${[...declared].join(", ") || "none"})`,
      );
    }
  });
  if (integration) checkIntegration({ resourcePath, integration }, "integration.uri");
  if (requestModelId) {
    const model = await tx.model.findFirst({ where: { id: requestModelId, apiId }, select: { id: true } });
    if (!model) {
      throw invalidField(
        "requestModelId",
        `This API has no model with the id ${requestModelId}; create the model first or pick one of the API's models`,
      );
    }
  }
}

/** Path parameters used in an integration URI must exist on the resource path. */
export function checkIntegration(
  { resourcePath, integration }: { resourcePath: string; integration: IntegrationBody },
  field: string,
): void {
  if (integration.type === "MOCK") return;
  const problem = uriPathParameterProblem(integration.uri, resourcePath);
  if (problem) throw invalidField(field, problem);
}

/** The integration row for a body, every field set so that a write replaces the previous integration. */
export function integrationData(integration: IntegrationBody) {
  // Mapping fields exist only on the types that map (HTTP, MOCK, AWS); every other type stores them empty.
  const common = {
    requestParameters: "requestParameters" in integration ? (integration.requestParameters ?? {}) : {},
    requestTemplates: "requestTemplates" in integration ? (integration.requestTemplates ?? {}) : {},
    passthroughBehavior: "passthroughBehavior" in integration ? (integration.passthroughBehavior ?? null) : null,
    responses: "responses" in integration ? (integration.responses ?? {}) : {},
    contentHandling: "contentHandling" in integration ? (integration.contentHandling ?? null) : null,
    payloadFormatVersion: integration.type === "AWS_PROXY" ? (integration.payloadFormatVersion ?? null) : null,
    parameterMapping: integration.type === "HTTP_PROXY" ? (integration.parameterMapping ?? {}) : {},
    credentials: null,
    connectionType: null,
    connectionId: null,
  };
  switch (integration.type) {
    case "MOCK":
      return {
        ...common,
        type: integration.type,
        httpMethod: null,
        uri: null,
        timeoutMs: integration.timeoutMs ?? DEFAULT_INTEGRATION_TIMEOUT_MS,
        mockResponse: integration.mockResponse ?? DEFAULT_MOCK_RESPONSE,
      };
    case "AWS":
    case "AWS_PROXY":
      // Lambda is invoked with POST, as API Gateway requires.
      return {
        ...common,
        type: integration.type,
        httpMethod: "POST",
        uri: integration.uri,
        timeoutMs: integration.timeoutMs,
        mockResponse: Prisma.DbNull,
      };
    default:
      return {
        ...common,
        type: integration.type,
        httpMethod: integration.httpMethod ?? null,
        uri: integration.uri,
        timeoutMs: integration.timeoutMs,
        mockResponse: Prisma.DbNull,
      };
  }
}

/** Replaces (or removes, for null) a method's integration. */
export async function writeIntegration(methodId: string, integration: IntegrationBody | null, tx: Tx): Promise<void> {
  if (integration === null) {
    await tx.integration.deleteMany({ where: { methodId } });
    return;
  }
  const data = integrationData(integration);
  await tx.integration.upsert({ where: { methodId }, create: { methodId, ...data }, update: data });
}
