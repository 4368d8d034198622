import { createHash } from "node:crypto";

import { z } from "zod";

import {
  authorizerSchema,
  corsSchema,
  gatewayResponsesSchema,
  routeSchema,
  snapshotSchema,
  SNAPSHOT_VERSION,
  type AuthorizerInput,
  type Cors,
  integrationSchema,
  type GatewayResponses,
  type Integration,
  type IntegrationResponse,
  type Route,
  type RouteInput,
  type Snapshot,
  type Throttle,
  type AccessLogSettings,
} from "@/lib/contracts";
import { hashSnapshot } from "@/lib/contracts/hash";
import { lambdaUriProblem } from "@/lib/contracts/lambda-target";
import { parseTemplate, TemplateSyntaxError } from "@/lib/contracts/template-syntax";
import { authorizerDefinitionOf, COGNITO_POOL_ARN, type AuthorizerTypeName } from "@/lib/schemas/authorizer";

/**
 * Compiling an API for the gateway happens in two halves:
 *
 * - the definition (API settings and routes) is what a Deployment stores and
 *   what its hash identifies, so "undeployed changes" can compare the API's
 *   current definition with a stage's deployment;
 * - stage settings (variables, throttle, canary) are joined with a
 *   definition when a stage document is pushed, so changing a variable never
 *   needs a new deployment.
 *
 * Both halves are deterministic: routes are sorted and route ids derive
 * from method and path, so the same definition always gives the same hash.
 */

export const definitionSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  apiId: z.string(),
  api: z.object({
    name: z.string(),
    cors: corsSchema.optional(),
    apiKeySource: z.enum(["HEADER", "AUTHORIZER"]).default("HEADER"),
    binaryMediaTypes: z.array(z.string()).default([]),
    authorizers: z.array(authorizerSchema).default([]),
    gatewayResponses: gatewayResponsesSchema.default({}),
  }),
  routes: z.array(routeSchema),
});
export type Definition = z.infer<typeof definitionSchema>;

/** The parts of the stored API the compiler reads; loaded by lib/server/deployments/load-api-definition.ts. */
export type ApiDefinitionSource = {
  id: string;
  name: string;
  /** Console shape: { allowOrigins, allowMethods, allowHeaders, exposeHeaders, maxAgeSeconds, allowCredentials } or null. */
  cors: unknown;
  binaryMediaTypes: string[];
  apiKeySource?: "HEADER" | "AUTHORIZER";
  /** API Gateway's x-amazon-apigateway-gateway-responses shape, by response type; null when none. */
  gatewayResponses?: unknown;
  authorizers?: AuthorizerSource[];
  methods: MethodSource[];
};

/** An authorizer as stored (lib/schemas/authorizer.ts). */
export type AuthorizerSource = { id: string; name: string; type: AuthorizerTypeName; identitySource: string; config: unknown };

export type MethodSource = {
  path: string;
  httpMethod: string;
  authorizationType: "NONE" | "API_KEY" | "JWT" | "COGNITO_USER_POOLS" | "CUSTOM";
  authorizerId?: string | null;
  authorizationScopes?: string[];
  apiKeyRequired: boolean;
  /** [{ in, name, required }] */
  requestParameters: unknown;
  requestValidator: "NONE" | "BODY" | "PARAMS" | "BODY_AND_PARAMS";
  requestModelSchema: Record<string, unknown> | null;
  integration: {
    type: "HTTP_PROXY" | "HTTP" | "MOCK" | "AWS" | "AWS_PROXY";
    httpMethod: string | null;
    uri: string | null;
    timeoutMs: number;
    requestParameters: unknown;
    mockResponse: unknown;
    /** The rest is absent in definitions stored before it existed. */
    requestTemplates?: unknown;
    passthroughBehavior?: string | null;
    contentHandling?: string | null;
    payloadFormatVersion?: string | null;
    parameterMapping?: unknown;
    /** AWS's shape: { "<selection pattern>" | "default": { statusCode, responseParameters, responseTemplates, contentHandling } }. */
    responses?: unknown;
  } | null;
};

/** A method the gateway cannot serve, and why; a deploy refuses the API until it is fixed. */
export type UnservableMethod = { method: string; path: string; reason: string };

export class UnservableDefinitionError extends Error {
  constructor(readonly methods: UnservableMethod[]) {
    super(
      `The gateway cannot serve ${methods.length === 1 ? "this method" : `these ${methods.length} methods`}: ` +
        methods
          .slice(0, 10)
          .map((m) => `${m.method} ${m.path} (${m.reason})`)
          .join("; ") +
        (methods.length > 10 ? `; and ${methods.length - 10} more` : ""),
    );
    this.name = "UnservableDefinitionError";
  }
}

/** Route ids derive from the route itself, so recreating a method (an overwrite import) keeps the hash. */
export function routeId(method: string, path: string): string {
  return `r${createHash("sha256").update(`${method} ${path}`).digest("hex").slice(0, 20)}`;
}

const consoleCorsSchema = z.object({
  allowOrigins: z.array(z.string()),
  allowMethods: z.array(z.string()).optional(),
  allowHeaders: z.array(z.string()).optional(),
  exposeHeaders: z.array(z.string()).optional(),
  maxAgeSeconds: z.number().optional(),
  allowCredentials: z.boolean().optional(),
});

function compileCors(source: unknown): Cors | undefined {
  if (source === null || source === undefined) return undefined;
  const cors = consoleCorsSchema.parse(source);
  return corsSchema.parse({
    allowOrigins: [...cors.allowOrigins].sort(),
    allowMethods: cors.allowMethods === undefined ? undefined : [...cors.allowMethods].sort(),
    allowHeaders: cors.allowHeaders === undefined ? undefined : [...cors.allowHeaders].sort(),
    exposeHeaders: cors.exposeHeaders === undefined ? undefined : [...cors.exposeHeaders].sort(),
    allowCredentials: cors.allowCredentials,
    maxAge: cors.maxAgeSeconds,
  });
}

const parameterListSchema = z.array(
  z.object({ in: z.enum(["path", "querystring", "header"]), name: z.string(), required: z.boolean().optional() }),
);
const mockSchema = z.object({
  statusCode: z.number().int().default(200),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().default(""),
});

const stringRecord = z.record(z.string(), z.string()).catch({});

const storedResponseSchema = z.object({
  statusCode: z.union([z.string(), z.number()]).optional(),
  responseParameters: z.record(z.string(), z.string()).optional(),
  responseTemplates: z.record(z.string(), z.string()).optional(),
  contentHandling: z.string().optional(),
});

/** AWS's integration responses, keyed by selection pattern, as the gateway tries them: the patterns in order, then the default. */
function integrationResponses(source: unknown): IntegrationResponse[] | string {
  if (source === null || typeof source !== "object" || Array.isArray(source)) return [];
  const patterned: IntegrationResponse[] = [];
  let fallback: IntegrationResponse | null = null;
  for (const [pattern, value] of Object.entries(source)) {
    const parsed = storedResponseSchema.safeParse(value);
    if (!parsed.success)
      return `integration response '${pattern}' is not an object with statusCode, responseParameters and responseTemplates`;
    const statusCode = Number(parsed.data.statusCode ?? 200);
    if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
      return `integration response '${pattern}' answers status ${String(parsed.data.statusCode)}, which is not an HTTP status code`;
    }
    const response = {
      selectionPattern: pattern === "default" ? null : pattern,
      statusCode,
      responseParameters: parsed.data.responseParameters ?? {},
      responseTemplates: parsed.data.responseTemplates ?? {},
      ...(parsed.data.contentHandling ? { contentHandling: parsed.data.contentHandling as IntegrationResponse["contentHandling"] } : {}),
    };
    if (response.selectionPattern === null) fallback ??= response;
    else patterned.push(response);
  }
  return fallback === null ? patterned : [...patterned, fallback];
}

/** The first template that does not parse, named with its content type, line and column. */
function templateProblem(templates: Record<string, string>, where: string): string | null {
  for (const [contentType, source] of Object.entries(templates)) {
    try {
      parseTemplate(source);
    } catch (error) {
      if (error instanceof TemplateSyntaxError) return `the ${where} mapping template for ${contentType}: ${error.message}`;
      throw error;
    }
  }
  return null;
}

/** Issues of the integration against the snapshot contract, as one sentence. */
function contractProblem(candidate: unknown): { integration: Integration } | string {
  const parsed = integrationSchema.safeParse(candidate);
  if (parsed.success) return { integration: parsed.data };
  return parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "integration"}: ${issue.message}`)
    .join("; ");
}

function compileIntegration(source: NonNullable<MethodSource["integration"]>): Integration | string {
  const timeoutMs = Math.min(300_000, Math.max(50, source.timeoutMs));
  const requestTemplates = stringRecord.parse(source.requestTemplates ?? {});
  const responses = integrationResponses(source.responses);
  if (typeof responses === "string") return responses;
  for (const [index, response] of responses.entries()) {
    const problem = templateProblem(
      response.responseTemplates,
      `integration response ${response.selectionPattern ?? "default"} (#${index + 1})`,
    );
    if (problem) return problem;
  }
  const requestProblem = templateProblem(requestTemplates, "request");
  if (requestProblem) return requestProblem;
  const mapped = {
    ...(Object.keys(stringRecord.parse(source.requestParameters)).length > 0
      ? { requestParameters: stringRecord.parse(source.requestParameters) }
      : {}),
    ...(Object.keys(requestTemplates).length > 0 ? { requestTemplates } : {}),
    ...(source.passthroughBehavior ? { passthroughBehavior: source.passthroughBehavior } : {}),
    ...(source.contentHandling ? { contentHandling: source.contentHandling } : {}),
    ...(responses.length > 0 ? { responses } : {}),
  };
  let candidate: unknown;
  switch (source.type) {
    case "MOCK": {
      const mock =
        source.mockResponse === null
          ? { statusCode: 200, headers: { "content-type": "application/json" }, body: "{}" }
          : mockSchema.parse(source.mockResponse);
      candidate = { type: "mock", timeoutMs, mock, ...mapped };
      break;
    }
    case "HTTP_PROXY":
    case "HTTP": {
      if (source.uri === null || source.uri === "") return "the integration has no URI";
      const upstreamMethod = source.httpMethod === null || source.httpMethod === "ANY" ? undefined : (source.httpMethod as Route["method"]);
      if (source.type === "HTTP_PROXY") {
        const parameterMapping = stringRecord.parse(source.parameterMapping ?? {});
        candidate = {
          type: "http_proxy",
          method: upstreamMethod,
          uri: source.uri,
          timeoutMs,
          ...(Object.keys(parameterMapping).length > 0 ? { parameterMapping } : {}),
        };
      } else {
        candidate = {
          type: "http",
          method: upstreamMethod,
          uri: source.uri,
          timeoutMs,
          ...mapped,
          requestParameters: stringRecord.parse(source.requestParameters),
        };
      }
      break;
    }
    case "AWS":
    case "AWS_PROXY": {
      if (source.uri === null || source.uri === "") return "the integration has no URI";
      const problem = lambdaUriProblem(source.uri);
      if (problem !== null) {
        return `${source.type} integrations are served for Lambda functions only (${problem}); other AWS services are not served: use HTTP_PROXY, HTTP or MOCK for them`;
      }
      candidate =
        source.type === "AWS_PROXY"
          ? {
              type: "aws_proxy",
              uri: source.uri,
              timeoutMs,
              payloadFormatVersion: source.payloadFormatVersion === "2.0" ? "2.0" : "1.0",
              ...(source.contentHandling ? { contentHandling: source.contentHandling } : {}),
            }
          : { type: "aws", uri: source.uri, timeoutMs, ...mapped };
      break;
    }
  }
  const checked = contractProblem(candidate);
  return typeof checked === "string" ? checked : (candidate as Integration);
}

function compileRoute(method: MethodSource): RouteInput | string {
  if (method.integration === null) return "the method has no integration; add one (HTTP_PROXY, HTTP or MOCK)";
  const usesAuthorizer = method.authorizationType !== "NONE" && method.authorizationType !== "API_KEY";
  if (usesAuthorizer && (method.authorizerId === null || method.authorizerId === undefined))
    return `${method.authorizationType} authorization names no authorizer; pick one of the API's authorizers`;
  const integration = compileIntegration(method.integration);
  if (typeof integration === "string") return integration;
  const parameters = parameterListSchema.catch([]).parse(method.requestParameters);
  const requestParameters = {
    path: {} as Record<string, boolean>,
    querystring: {} as Record<string, boolean>,
    header: {} as Record<string, boolean>,
  };
  for (const parameter of parameters) requestParameters[parameter.in][parameter.name] = parameter.required ?? false;
  const validatesBody =
    (method.requestValidator === "BODY" || method.requestValidator === "BODY_AND_PARAMS") && method.requestModelSchema !== null;
  const validatesParams = method.requestValidator === "PARAMS" || method.requestValidator === "BODY_AND_PARAMS";
  return {
    id: routeId(method.httpMethod, method.path),
    method: method.httpMethod as Route["method"],
    path: method.path,
    authorization: method.authorizationType,
    authorizerId: usesAuthorizer ? (method.authorizerId ?? undefined) : undefined,
    authorizationScopes: usesAuthorizer ? [...(method.authorizationScopes ?? [])].sort() : [],
    apiKeyRequired: method.apiKeyRequired || method.authorizationType === "API_KEY",
    requestParameters,
    requestModel: method.requestModelSchema ?? undefined,
    requestValidator: { body: validatesBody, params: validatesParams },
    integration,
  };
}

/** A Cognito user pool ARN as its token issuer; an issuer URL (Portico's extension, e.g. a local pool emulator) as it is. */
function cognitoIssuer(arnOrUrl: string): string {
  const match = COGNITO_POOL_ARN.exec(arnOrUrl);
  return match === null ? arnOrUrl : `https://cognito-idp.${match[1]}.amazonaws.com/${match[2]}`;
}

export function compileAuthorizer(source: AuthorizerSource): AuthorizerInput | string {
  let definition;
  try {
    definition = authorizerDefinitionOf(source);
  } catch {
    return "its stored definition is not valid any more; edit and save it again";
  }
  const base = { id: source.id, name: definition.name };
  switch (definition.type) {
    case "JWT":
      return {
        ...base,
        type: "JWT",
        identitySource: definition.identitySource,
        issuer: definition.issuer,
        audience: [...definition.audience].sort(),
        jwksUri: definition.jwksUri,
        algorithms: definition.algorithms,
      };
    case "COGNITO_USER_POOLS":
      return {
        ...base,
        type: "COGNITO_USER_POOLS",
        identitySource: definition.identitySource,
        issuers: definition.providerArns.map(cognitoIssuer).sort(),
        audience: [...(definition.audience ?? [])].sort(),
      };
    case "TOKEN":
      return {
        ...base,
        type: "TOKEN",
        target: definition.authorizerUri,
        identitySource: definition.identitySource,
        resultTtlSeconds: definition.resultTtlSeconds,
        identityValidationExpression: definition.identityValidationExpression,
      };
    case "REQUEST":
      return {
        ...base,
        type: "REQUEST",
        target: definition.authorizerUri,
        identitySource: definition.identitySource,
        resultTtlSeconds: definition.resultTtlSeconds,
        simpleResponses: definition.simpleResponses,
        payloadFormatVersion: definition.payloadFormatVersion,
      };
  }
}

/** Stored gateway responses (API Gateway writes statusCode as a string) in the contract's shape. */
function compileGatewayResponses(source: unknown): GatewayResponses | string {
  if (source === null || source === undefined) return {};
  if (typeof source !== "object" || Array.isArray(source)) return "gateway responses must be an object by response type";
  const normalised: Record<string, unknown> = {};
  for (const [type, response] of Object.entries(source)) {
    if (response === null || typeof response !== "object" || Array.isArray(response)) return `${type} must be an object`;
    const { statusCode, responseParameters, responseTemplates } = response as Record<string, unknown>;
    normalised[type] = {
      statusCode: statusCode === undefined || statusCode === null ? undefined : Number(statusCode),
      responseParameters: responseParameters ?? {},
      responseTemplates: responseTemplates ?? {},
    };
  }
  const parsed = gatewayResponsesSchema.safeParse(normalised);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`;
  }
  return parsed.data;
}

/**
 * Compiles an API's stored definition. Throws UnservableDefinitionError
 * naming every method the gateway could not serve.
 */
export function compileDefinition(source: ApiDefinitionSource): Definition {
  const unservable: UnservableMethod[] = [];
  const routes: RouteInput[] = [];
  const methods = [...source.methods].sort((a, b) =>
    a.path === b.path ? a.httpMethod.localeCompare(b.httpMethod) : a.path < b.path ? -1 : 1,
  );
  for (const method of methods) {
    const route = compileRoute(method);
    if (typeof route === "string") unservable.push({ method: method.httpMethod, path: method.path, reason: route });
    else routes.push(route);
  }
  const authorizers: AuthorizerInput[] = [];
  for (const authorizer of [...(source.authorizers ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const compiled = compileAuthorizer(authorizer);
    if (typeof compiled === "string") unservable.push({ method: "authorizer", path: authorizer.name, reason: compiled });
    else authorizers.push(compiled);
  }
  const gatewayResponses = compileGatewayResponses(source.gatewayResponses);
  if (typeof gatewayResponses === "string") unservable.push({ method: "API", path: "gateway responses", reason: gatewayResponses });
  if (unservable.length > 0) throw new UnservableDefinitionError(unservable);
  return definitionSchema.parse({
    version: SNAPSHOT_VERSION,
    apiId: source.id,
    api: {
      name: source.name,
      cors: compileCors(source.cors),
      apiKeySource: source.apiKeySource ?? "HEADER",
      binaryMediaTypes: [...source.binaryMediaTypes].sort(),
      authorizers,
      gatewayResponses,
    },
    routes,
  });
}

/** The content hash of a definition: what Deployment.hash stores. */
export function hashDefinition(definition: Definition): string {
  return hashSnapshot(definition);
}

export type StageSettings = {
  name: string;
  variables: Record<string, string>;
  throttle: Throttle | null;
  /** The stage's access-log format; null or absent: the nodes' default line. */
  accessLogSettings?: AccessLogSettings | null;
};

export type CanarySettings = {
  percent: number;
  deploymentId: string;
  definition: Definition;
  stageVariableOverrides: Record<string, string>;
};

/**
 * The document a gateway serves for one stage: a deployment's definition
 * joined with the stage's settings and optional canary. `createdAt` is the
 * deployment's, so pushing the same stage twice gives the same hash and the
 * gateway treats the second push as a no-op.
 */
export function buildStageSnapshot(options: {
  definition: Definition;
  deploymentId: string;
  deployedAt: Date;
  stage: StageSettings;
  canary: CanarySettings | null;
}): Snapshot {
  const { definition, stage, canary } = options;
  const snapshot = snapshotSchema.parse({
    version: SNAPSHOT_VERSION,
    apiId: definition.apiId,
    stage: stage.name,
    deploymentId: options.deploymentId,
    createdAt: options.deployedAt.toISOString(),
    api: definition.api,
    routes: definition.routes,
    stageVariables: stage.variables,
    throttle: stage.throttle ?? undefined,
    accessLogSettings: stage.accessLogSettings ?? undefined,
    canary:
      canary === null
        ? undefined
        : {
            percent: canary.percent,
            deploymentId: canary.deploymentId,
            routes: canary.definition.routes,
            stageVariableOverrides: canary.stageVariableOverrides,
          },
  });
  return { ...snapshot, hash: hashSnapshot(snapshot) };
}
