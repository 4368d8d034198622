import { HTTP_METHODS, type Route, type Snapshot } from "@/lib/contracts";
import { CompiledAccessLogFormat } from "../access-log-format";
import { CorsPolicy } from "../cors";
import { httpBackend, lambdaBackend, mockBackend } from "../integrations/backends";
import { buildRequestPath, compileHttpIntegration, parseUriTemplate, substituteStageVariables } from "../integrations/http-proxy";
import { compileLambdaProxyIntegration } from "../integrations/lambda-proxy";
import { compileMappedIntegration } from "../integrations/mapped";
import { compileBinaryMediaTypes, type BinaryMediaTypes } from "../integrations/mapping/media";
import type { RouteFacts } from "../integrations/mapping/request-context";
import type { LambdaInvoker } from "../lambda/invoke";
import { LambdaTargetError, parseLambdaTarget, type LambdaTarget } from "@/lib/contracts/lambda-target";
import type { Logger } from "../logger";
import { compileMockIntegration } from "../integrations/mock";
import type { UpstreamPools } from "../integrations/pools";
import type { GatewayMetrics } from "../metrics";
import { compileChain, createCompileSession, type CompileSession, type PluginEnv } from "../plugins";
import { stageKeyOf } from "../consumers";
import { CompiledGatewayResponses } from "../responses/gateway-responses";
import { CompileError } from "./compile-error";
import { Router, type RouterEntry } from "./router";
import { runToEnd, type Sliced } from "./slices";
import { sameJson } from "@/lib/contracts/same-json";
import type { CompiledDeployment, CompiledIntegration, CompiledRoute, CompiledStage, IntegrationTrace } from "../pipeline";

export interface CompileEnv {
  plugins: PluginEnv;
  pools: UpstreamPools;
  metrics: GatewayMetrics;
  /** Calls Lambda functions (Lambda integrations and authorizers). */
  lambda: LambdaInvoker;
  /** Where integrations log why they answered 500 by themselves. */
  logger: Logger;
}

/** What a route's integration is compiled against besides the route itself. */
interface IntegrationScope {
  readonly snapshot: Snapshot;
  readonly stageVariables: Record<string, string>;
  readonly binaryMediaTypes: BinaryMediaTypes;
  readonly env: CompileEnv;
}

/** The route's greedy `{name+}` parameter, if its path ends with one. */
export function greedyParamOf(path: string): string | null {
  const match = /\{([A-Za-z0-9_]+)\+\}$/.exec(path);
  return match !== null ? match[1] : null;
}

/** The AWS account an ARN in the route names (for $context.accountId), else "". */
function accountIdOf(uri: string): string {
  return /arn:aws[a-z-]*:lambda:[a-z0-9-]+:(\d{12}):/.exec(uri)?.[1] ?? "";
}

function lambdaTargetOf(uri: string, stageVariables: Record<string, string>, where: string): LambdaTarget {
  try {
    return parseLambdaTarget(uri, stageVariables);
  } catch (error) {
    if (error instanceof LambdaTargetError) throw new CompileError([{ path: `${where}.uri`, message: error.message }]);
    throw error;
  }
}

function compileIntegration(route: Route, where: string, scope: IntegrationScope, greedyParam: string | null): CompiledIntegration {
  const { snapshot, stageVariables, binaryMediaTypes, env } = scope;
  const integration = route.integration;
  const facts: RouteFacts = {
    apiId: snapshot.apiId,
    stage: snapshot.stage,
    resourceId: route.id,
    resourcePath: route.path,
    accountId: "uri" in integration ? accountIdOf(integration.uri) : "",
  };
  const mappedEnv = { stageVariables, facts, binaryMediaTypes, maxBodyBytes: env.plugins.maxBodyBytes, logger: env.logger, where };
  switch (integration.type) {
    case "mock":
      if (!hasMapping(integration)) return compileMockIntegration(integration);
      return compileMappedIntegration(
        { ...mappingOf(integration), type: "mock", origin: null, passWithoutResponses: false, backend: mockBackend },
        mappedEnv,
      );
    case "aws":
      return compileMappedIntegration(
        {
          ...mappingOf(integration),
          type: "aws",
          origin: null,
          passWithoutResponses: false,
          backend: lambdaBackend(env.lambda, lambdaTargetOf(integration.uri, stageVariables, where), integration.timeoutMs),
        },
        mappedEnv,
      );
    case "aws_proxy":
      return compileLambdaProxyIntegration({
        invoker: env.lambda,
        target: lambdaTargetOf(integration.uri, stageVariables, where),
        timeoutMs: integration.timeoutMs,
        payloadFormatVersion: integration.payloadFormatVersion,
        stageVariables,
        facts,
        binaryMediaTypes,
        maxBodyBytes: env.plugins.maxBodyBytes,
        logger: env.logger,
      });
    case "http":
      if (hasTransforms(integration)) {
        const uri = substituteStageVariables(integration.uri, stageVariables, `${where}.uri`);
        const template = parseUriTemplate(uri, `${where}.uri`, greedyParam);
        return compileMappedIntegration(
          {
            ...mappingOf(integration),
            type: "http",
            origin: template.origin,
            passWithoutResponses: true,
            backend: httpBackend({
              pool: env.pools.get(template.origin),
              host: template.host,
              origin: template.origin,
              method: integration.method !== undefined && integration.method !== "ANY" ? integration.method : null,
              buildPath: (params, query) => buildRequestPath(template, params, query),
              timeoutMs: integration.timeoutMs,
            }),
          },
          mappedEnv,
        );
      }
    // An `http` integration without templates or integration responses streams like a proxy, with its mappings.
    // falls through
    case "http_proxy":
      return compileHttpIntegration({
        integration,
        stageVariables,
        pools: env.pools,
        maxBodyBytes: env.plugins.maxBodyBytes,
        where,
        greedyParam,
        facts,
      });
  }
}

type MappedIntegration = Extract<Route["integration"], { type: "http" | "mock" | "aws" }>;

function hasTransforms(integration: MappedIntegration): boolean {
  return (
    Object.keys(integration.requestTemplates ?? {}).length > 0 ||
    (integration.responses ?? []).length > 0 ||
    integration.contentHandling !== undefined ||
    (integration.passthroughBehavior !== undefined && integration.passthroughBehavior !== "WHEN_NO_MATCH")
  );
}

function hasMapping(integration: MappedIntegration): boolean {
  return hasTransforms(integration) || Object.keys(integration.requestParameters ?? {}).length > 0;
}

function mappingOf(integration: MappedIntegration) {
  return {
    requestParameters: integration.requestParameters,
    requestTemplates: integration.requestTemplates,
    passthroughBehavior: integration.passthroughBehavior,
    contentHandling: integration.contentHandling,
    responses: integration.responses,
  };
}

/**
 * What a compiled route depends on besides its own definition: reusing a
 * route compiled for the live snapshot is sound only when all of it is equal.
 */
function routeContextKey(snapshot: Snapshot, isCanary: boolean, stageVariables: Record<string, string>): string {
  return JSON.stringify([
    snapshot.apiId,
    snapshot.stage,
    isCanary,
    stageVariables,
    snapshot.throttle ?? null,
    snapshot.api.apiKeySource,
    snapshot.api.authorizers,
    snapshot.api.binaryMediaTypes,
  ]);
}

/** The previous compilation of a deployment, for reusing the routes whose definition did not change. */
function reusableRoutes(previous: CompiledDeployment | null, contextKey: string): ReadonlyMap<string, CompiledRoute> | null {
  if (previous === null || previous.contextKey !== contextKey) return null;
  return previous.routesById;
}

function* compileDeployment(
  snapshot: Snapshot,
  routes: readonly Route[],
  deploymentId: string,
  isCanary: boolean,
  stageVariables: Record<string, string>,
  env: CompileEnv,
  session: CompileSession,
  previous: CompiledDeployment | null,
): Sliced<CompiledDeployment> {
  const entries: RouterEntry<CompiledRoute>[] = [];
  const stageKey = stageKeyOf(snapshot.apiId, snapshot.stage);
  const contextKey = routeContextKey(snapshot, isCanary, stageVariables);
  const reusable = reusableRoutes(previous, contextKey);
  const origins = new Set<string>();
  const compiled: CompiledRoute[] = [];
  const routesById = new Map<string, CompiledRoute>();
  const issues: { path: string; message: string }[] = [];
  const prefix = isCanary ? "canary.routes" : "routes";
  const scope: IntegrationScope = {
    snapshot,
    stageVariables,
    binaryMediaTypes: compileBinaryMediaTypes(snapshot.api.binaryMediaTypes),
    env,
  };

  // Explicit methods beat ANY on the same path, as in API Gateway: ANY is
  // registered only for the methods the path does not define itself.
  const explicit = new Map<string, Set<string>>();
  for (const route of routes) {
    if (route.method === "ANY") continue;
    const methods = explicit.get(route.path) ?? new Set<string>();
    methods.add(route.method);
    explicit.set(route.path, methods);
  }

  for (let index = 0; index < routes.length; index++) {
    const route = routes[index];
    const where = `${prefix}[${index}]`;
    // A route is the unit of work between two slices, compiled or taken over (which compares it with the live one).
    yield;
    try {
      let compiledRoute = reusable !== null ? reusable.get(route.id) : undefined;
      if (compiledRoute !== undefined && !sameJson(compiledRoute.definition, route)) compiledRoute = undefined;
      if (compiledRoute === undefined) {
        const keyed = route.authorization === "API_KEY" || route.apiKeyRequired;
        const steps = compileChain(
          { apiId: snapshot.apiId, stage: snapshot.stage, stageKey, snapshot, route, keyed, stageVariables, session },
          env.plugins,
        );
        const greedyParam = greedyParamOf(route.path);
        const integration = compileIntegration(route, `${where}.integration`, scope, greedyParam);
        const key = `${route.method} ${route.path}`;
        compiledRoute = {
          id: route.id,
          definition: route,
          method: route.method,
          path: route.path,
          key,
          steps,
          integration,
          greedyParam,
          metrics: env.metrics.route({ api: snapshot.apiId, stage: snapshot.stage, route: key }),
        };
      }
      if (compiledRoute.integration.origin !== null) origins.add(compiledRoute.integration.origin);
      const methods: string[] =
        route.method === "ANY" ? HTTP_METHODS.filter((method) => !explicit.get(route.path)?.has(method)) : [route.method];
      if (methods.length > 0) entries.push({ methods, path: route.path, store: compiledRoute });
      compiled.push(compiledRoute);
      routesById.set(route.id, compiledRoute);
    } catch (error) {
      if (error instanceof CompileError) issues.push(...error.issues);
      else issues.push({ path: where, message: error instanceof Error ? error.message : String(error) });
    }
  }
  if (issues.length > 0) throw new CompileError(issues);
  const router = yield* Router.buildSteps(entries, previous?.router ?? null);
  return { deploymentId, isCanary, router, routes: compiled, origins, contextKey, routesById };
}

function compileAccessLog(snapshot: Snapshot): CompiledAccessLogFormat | null {
  if (snapshot.accessLogSettings === undefined) return null;
  try {
    return CompiledAccessLogFormat.compile(snapshot.accessLogSettings);
  } catch (error) {
    throw new CompileError([{ path: "accessLogSettings.format", message: error instanceof Error ? error.message : String(error) }]);
  }
}

/**
 * Compiles a validated snapshot into what the proxy serves: one router per
 * deployment, each route's plugin chain and integration resolved, body
 * validators compiled. Throws CompileError with per-field issues; nothing
 * live is touched, so a failure leaves the old config serving.
 *
 * With `previous` (the stage's live compilation), routes whose definition
 * and context did not change are taken over as they are, and so is the
 * route tree of every method whose paths did not change.
 */
export function compileStage(
  snapshot: Snapshot,
  hash: string,
  env: CompileEnv,
  previous: CompiledStage | null = null,
  trace: IntegrationTrace | null = null,
): CompiledStage {
  return runToEnd(compileStageSteps(snapshot, hash, env, previous, trace));
}

/**
 * `compileStage` as sliceable work (compile/slices): it yields after each
 * route it compiles and each route tree it builds, so pushes can run it
 * between requests (`runInSlices`) instead of in one long pause.
 */
export function* compileStageSteps(
  snapshot: Snapshot,
  hash: string,
  env: CompileEnv,
  previous: CompiledStage | null = null,
  trace: IntegrationTrace | null = null,
): Sliced<CompiledStage> {
  const session = createCompileSession();
  const primary = yield* compileDeployment(
    snapshot,
    snapshot.routes,
    snapshot.deploymentId,
    false,
    snapshot.stageVariables,
    env,
    session,
    previous?.primary ?? null,
  );
  const canary =
    snapshot.canary !== undefined
      ? yield* compileDeployment(
          snapshot,
          snapshot.canary.routes,
          snapshot.canary.deploymentId,
          true,
          { ...snapshot.stageVariables, ...snapshot.canary.stageVariableOverrides },
          env,
          session,
          previous?.canary ?? null,
        )
      : null;
  return {
    apiId: snapshot.apiId,
    stage: snapshot.stage,
    hash,
    snapshot,
    primary,
    canary,
    canaryPercent: snapshot.canary?.percent ?? 0,
    cors: snapshot.api.cors !== undefined ? new CorsPolicy(snapshot.api.cors) : null,
    gatewayResponses: CompiledGatewayResponses.compile(snapshot.api.gatewayResponses, snapshot.stageVariables),
    unmatchedMetrics: env.metrics.route({ api: snapshot.apiId, stage: snapshot.stage, route: "" }),
    trace,
    accessLog: compileAccessLog(snapshot),
  };
}
