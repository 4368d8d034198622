import { z } from "zod";
import { authorizerSchema, type Authorizer, type CognitoAuthorizer, type JwtAuthorizer } from "@/lib/contracts";
import { tokenContext } from "../auth/context";
import type { DenialReason } from "../auth/denial";
import { identityReader } from "../auth/identity";
import { bearerToken, hasScope, JwtVerifier, type JwtOutcome } from "../auth/jwt";
import { LambdaAuthorizer, type LambdaAuthorizerOutcome } from "../auth/lambda-authorizer";
import { jwtVerifierFor, lambdaAuthorizerFor } from "../auth/registry";
import type { LambdaInvoker } from "../lambda/invoke";
import { errors, GatewayError } from "../errors";
import type { AuthorizerContext, RequestContext } from "../pipeline";
import { definePlugin, type RequestStep, type StepResult } from "./types";

const JWT_REASONS: readonly DenialReason[] = [
  "jwt.missing",
  "jwt.malformed",
  "jwt.expired",
  "jwt.not-before",
  "jwt.issued-at",
  "jwt.issuer",
  "jwt.audience",
  "jwt.signature",
  "jwt.algorithm",
  "jwt.unknown-key",
  "jwt.claims",
  "jwt.scope",
];

// As API Gateway's HTTP APIs: 401 with a bare `WWW-Authenticate: Bearer`
// challenge for a bad token (the detail goes to the access log, not to the
// caller), 403 for a good token without the route's scope. Made once here.
const jwtUnauthorized = new Map<string, GatewayError>(
  JWT_REASONS.map((reason) => [
    reason,
    errors.unauthorized.withHeaders(["www-authenticate", 'Bearer error="invalid_token"']).because(reason),
  ]),
);
const jwtMissing = errors.unauthorized.withHeaders(["www-authenticate", "Bearer"]).because("jwt.missing");
const jwtInsufficientScope = new GatewayError(
  403,
  "Forbidden",
  "access_denied",
  ["www-authenticate", 'Bearer error="insufficient_scope"'],
  undefined,
  "ACCESS_DENIED",
  "jwt.scope",
);
// Cognito user pool authorizers of REST APIs answer a missing scope with 401.
const cognitoInsufficientScope = errors.unauthorized.because("jwt.scope");
const keysUnavailable = errors.authorizerConfiguration.because("jwt.keys-unavailable");

/** Caches the `$context.authorizer` of a verified token beside it, so a cache hit allocates nothing. */
const contexts = new WeakMap<object, AuthorizerContext>();

function authorizerContextOf(outcome: JwtOutcome & { ok: true }): AuthorizerContext {
  let context = contexts.get(outcome);
  if (context === undefined) {
    context = tokenContext({
      claims: outcome.claims,
      scopes: [...outcome.scopes],
      ...(typeof outcome.claims.sub === "string" ? { principalId: outcome.claims.sub } : {}),
    });
    contexts.set(outcome, context);
  }
  return context;
}

function compileJwtStep(
  authorizer: JwtAuthorizer | CognitoAuthorizer,
  scopes: readonly string[],
  stageVariables: Readonly<Record<string, string>>,
  verifier: JwtVerifier,
): RequestStep {
  const read = identityReader(authorizer.identitySource, stageVariables);
  const insufficientScope = authorizer.type === "JWT" ? jwtInsufficientScope : cognitoInsufficientScope;

  function apply(ctx: RequestContext, outcome: JwtOutcome): StepResult {
    if (!outcome.ok)
      return outcome.status === 500
        ? keysUnavailable
        : (jwtUnauthorized.get(outcome.reason) ?? errors.unauthorized.because(outcome.reason));
    if (!hasScope(outcome.scopes, scopes)) return insufficientScope;
    ctx.authorizer = authorizerContextOf(outcome);
    return undefined;
  }

  // Hot path: a token seen before is answered from the verifier's cache, synchronously.
  return (ctx) => {
    const raw = read(ctx);
    if (raw === undefined) return jwtMissing;
    const token = bearerToken(raw);
    if (token === "") return jwtMissing;
    const outcome = verifier.verify(token);
    if (outcome instanceof Promise) return outcome.then((settled) => apply(ctx, settled));
    return apply(ctx, outcome);
  };
}

// API Gateway's answers to what a Lambda authorizer decided, one per reason, made once.
const simpleDeny = new GatewayError(403, "Forbidden", "access_denied", [], undefined, "ACCESS_DENIED", "authorizer.deny");
const lambdaRefusals = new Map<string, GatewayError>();
function lambdaRefusal(outcome: LambdaAuthorizerOutcome & { ok: false }): GatewayError {
  const key = `${outcome.answer}:${outcome.reason}`;
  let error = lambdaRefusals.get(key);
  if (error === undefined) {
    switch (outcome.answer) {
      case "unauthorized":
        error = errors.unauthorized.because(outcome.reason);
        break;
      case "explicit-deny":
        error = errors.explicitDeny;
        break;
      case "access-denied":
        error = errors.accessDenied.because(outcome.reason);
        break;
      case "forbidden":
        error = simpleDeny;
        break;
      case "failure":
        error = errors.authorizerFailure.because(outcome.reason);
        break;
      case "configuration":
        error = errors.authorizerConfiguration.because(outcome.reason);
        break;
    }
    lambdaRefusals.set(key, error);
  }
  return error;
}

function compileLambdaStep(lambda: LambdaAuthorizer): RequestStep {
  function apply(ctx: RequestContext, outcome: LambdaAuthorizerOutcome): StepResult {
    if (!outcome.ok) {
      if (outcome.context !== undefined) ctx.authorizer = outcome.context;
      return lambdaRefusal(outcome);
    }
    ctx.authorizer = outcome.context;
    ctx.authorizerApiKey = outcome.usageIdentifierKey;
    return undefined;
  }

  // Hot path: a cached answer is decided synchronously.
  return (ctx) => {
    const outcome = lambda.authorize(ctx);
    if (outcome instanceof Promise) return outcome.then((settled) => apply(ctx, settled));
    return apply(ctx, outcome);
  };
}

/**
 * The step that runs `authorizer` for a route. `shared`: with the process's
 * verifiers and result caches (serving); otherwise fresh ones, so a test
 * of an authorizer neither reads nor fills what requests are served from.
 */
export function authorizerStep(
  authorizer: Authorizer,
  route: { scopes: readonly string[]; stageVariables: Readonly<Record<string, string>>; apiId: string; stage: string },
  invoker: LambdaInvoker,
  shared: boolean,
): RequestStep {
  switch (authorizer.type) {
    case "JWT":
    case "COGNITO_USER_POOLS":
      return compileJwtStep(
        authorizer,
        route.scopes,
        route.stageVariables,
        shared ? jwtVerifierFor(authorizer) : new JwtVerifier(authorizer),
      );
    case "TOKEN":
    case "REQUEST": {
      const where = { apiId: route.apiId, stage: route.stage };
      return compileLambdaStep(
        shared
          ? lambdaAuthorizerFor(authorizer, invoker, route.stageVariables, where)
          : new LambdaAuthorizer(authorizer, invoker, route.stageVariables, where),
      );
    }
  }
}

/** Notes when the authorizer started and how long it took (request explorer, traces, `$context.authorizer.latency`). */
function timed(step: RequestStep): RequestStep {
  const finish = (ctx: RequestContext, result: StepResult): StepResult => {
    ctx.authorizerMs = performance.now() - ctx.authorizerStartedAt;
    return result;
  };
  return (ctx) => {
    ctx.authorizerStartedAt = performance.now();
    const result = step(ctx);
    if (result instanceof Promise) return result.then((settled) => finish(ctx, settled));
    return finish(ctx, result);
  };
}

/**
 * Runs the route's authorizer before anything else (API keys included, as
 * in API Gateway, where a Lambda authorizer may supply the key): JWT and
 * Cognito user pool authorizers verify a bearer token; TOKEN and REQUEST
 * authorizers invoke a Lambda function (or answer from its result cache).
 */
export const authorizePlugin = definePlugin({
  name: "authorize",
  phase: "authenticate",
  order: 50,
  storeFailure: "none",
  configSchema: z.object({
    authorizer: authorizerSchema,
    scopes: z.array(z.string()),
    stageVariables: z.record(z.string(), z.string()),
    apiId: z.string(),
    stage: z.string(),
  }),
  configFor(scope) {
    const id = scope.route.authorizerId;
    if (id === undefined) return null;
    const authorizer = scope.snapshot.api.authorizers.find((candidate) => candidate.id === id);
    if (authorizer === undefined) return null;
    return {
      authorizer,
      scopes: scope.route.authorizationScopes,
      stageVariables: scope.stageVariables,
      apiId: scope.apiId,
      stage: scope.stage,
    };
  },
  create(config, env) {
    return timed(authorizerStep(config.authorizer, config, env.lambda, true));
  },
});
