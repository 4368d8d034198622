import { authorizerBodySchema, type AuthorizerBody } from "@/lib/schemas/authorizer";
import type { ApiDefinition, MethodDefinition } from "../model";
import { appendPointer, isRecord, toPointer } from "../pointer";
import { resolveRef } from "../validate";
import { AWS_PREFIX } from "./aws-extensions";
import type { ConvertContext } from "./context";

// Security schemes and requirements: API keys in a header, and API
// Gateway's authorizers (x-amazon-apigateway-authorizer of type token,
// request, cognito_user_pools or jwt). Other schemes are reported as
// unsupported.

/** The authorizers read from the document, by scheme name, for the methods read after them. */
const authorizersOf = new WeakMap<ConvertContext, Map<string, AuthorizerBody>>();

/** `$request.header.X` (HTTP APIs) and `method.request.header.X` (REST APIs) both read as the latter. */
function restIdentitySource(source: string): string {
  const trimmed = source.trim();
  const http = /^\$request\.(header|querystring)\.(.+)$/.exec(trimmed);
  if (http) return `method.request.${http[1]}.${http[2]}`;
  if (trimmed.startsWith("$stageVariables.")) return trimmed.slice(1);
  if (trimmed.startsWith("$context.")) return trimmed.slice(1);
  return trimmed;
}

function identitySources(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((item) => restIdentitySource(String(item)));
  if (typeof value === "string" && value.trim() !== "") return value.split(",").map(restIdentitySource);
  return [];
}

/** The header a TOKEN or Cognito authorizer reads: its identitySource, else the scheme's header name. */
function tokenHeaderSource(scheme: Record<string, unknown>, authorizer: Record<string, unknown>): string {
  const [source] = identitySources(authorizer.identitySource);
  if (source !== undefined) return source;
  return `method.request.header.${typeof scheme.name === "string" && scheme.in === "header" ? scheme.name : "Authorization"}`;
}

function numberOf(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** x-amazon-apigateway-authorizer → an authorizer definition, or why not. */
function readAuthorizer(name: string, scheme: Record<string, unknown>): { body: AuthorizerBody } | { problem: string } {
  const authorizer = scheme[`${AWS_PREFIX}authorizer`];
  if (!isRecord(authorizer)) return { problem: `${AWS_PREFIX}authorizer must be an object` };
  const type = typeof authorizer.type === "string" ? authorizer.type.toLowerCase() : "";
  let candidate: Record<string, unknown>;
  switch (type) {
    case "token":
      candidate = {
        name,
        type: "TOKEN",
        identitySource: tokenHeaderSource(scheme, authorizer),
        authorizerUri: authorizer.authorizerUri,
        resultTtlSeconds: numberOf(authorizer.authorizerResultTtlInSeconds),
        identityValidationExpression: authorizer.identityValidationExpression,
      };
      break;
    case "request":
      candidate = {
        name,
        type: "REQUEST",
        identitySource: identitySources(authorizer.identitySource),
        authorizerUri: authorizer.authorizerUri,
        resultTtlSeconds: numberOf(authorizer.authorizerResultTtlInSeconds),
        simpleResponses: authorizer.enableSimpleResponses === true ? true : undefined,
        payloadFormatVersion: authorizer.authorizerPayloadFormatVersion === "2.0" ? "2.0" : undefined,
      };
      break;
    case "cognito_user_pools":
      candidate = {
        name,
        type: "COGNITO_USER_POOLS",
        identitySource: tokenHeaderSource(scheme, authorizer),
        providerArns: authorizer.providerARNs,
      };
      break;
    case "jwt": {
      const jwt = isRecord(authorizer.jwtConfiguration) ? authorizer.jwtConfiguration : {};
      candidate = {
        name,
        type: "JWT",
        identitySource: identitySources(authorizer.identitySource)[0],
        issuer: jwt.issuer,
        audience: jwt.audience,
        jwksUri: authorizer["x-portico-jwks-uri"],
        algorithms: authorizer["x-portico-algorithms"],
      };
      break;
    }
    default:
      return { problem: `authorizer type ${JSON.stringify(authorizer.type)} is not one of token, request, cognito_user_pools or jwt` };
  }
  const defined = Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined));
  const parsed = authorizerBodySchema.safeParse(defined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `${issue?.path.join(".") || "authorizer"}: ${issue?.message ?? "invalid"}` };
  }
  return { body: parsed.data };
}

export function readSecuritySchemes(ctx: ConvertContext, definition: ApiDefinition) {
  const authorizers = new Map<string, AuthorizerBody>();
  authorizersOf.set(ctx, authorizers);
  for (const [name, scheme] of Object.entries(securitySchemes(ctx))) {
    const pointer = ctx.version === "2.0" ? toPointer(["securityDefinitions", name]) : toPointer(["components", "securitySchemes", name]);
    if (isApiKeyHeader(scheme)) {
      ctx.report.add(
        pointer,
        "security scheme (apiKey)",
        "applied",
        `Methods secured by "${name}" require an API key in the x-api-key header${isRecord(scheme) && String(scheme.name).toLowerCase() !== "x-api-key" ? ` (the document names the header ${String(scheme.name)})` : ""}.`,
      );
    } else if (isRecord(scheme) && `${AWS_PREFIX}authorizer` in scheme) {
      const result = readAuthorizer(name, scheme);
      if ("body" in result) {
        authorizers.set(name, result.body);
        ctx.report.add(
          pointer,
          `${AWS_PREFIX}authorizer (${result.body.type})`,
          "applied",
          `"${name}" is a ${describeAuthorizer(result.body)} authorizer, run by the gateway on the methods it secures.`,
        );
      } else {
        ctx.report.add(
          pointer,
          `${AWS_PREFIX}authorizer`,
          "unsupported",
          `"${name}" cannot be used (${result.problem}): methods using only it are imported without authorization.`,
        );
      }
    } else {
      const type = isRecord(scheme) ? String(scheme.type) : "unknown";
      ctx.report.add(
        pointer,
        `security scheme (${type})`,
        "unsupported",
        `"${name}" (${type}) is not enforced by Portico: only API keys in a header and ${AWS_PREFIX}authorizer schemes are. Methods using only it are imported without authorization.`,
      );
    }
  }
  if (authorizers.size > 0) definition.authorizers = [...authorizers.values()];
}

function describeAuthorizer(body: AuthorizerBody): string {
  switch (body.type) {
    case "JWT":
      return `JWT (issuer ${body.issuer})`;
    case "COGNITO_USER_POOLS":
      return "Cognito user pool";
    case "TOKEN":
      return "Lambda TOKEN";
    case "REQUEST":
      return "Lambda REQUEST";
  }
}

const AUTHORIZATION_FOR = { JWT: "JWT", COGNITO_USER_POOLS: "COGNITO_USER_POOLS", TOKEN: "CUSTOM", REQUEST: "CUSTOM" } as const;

/**
 * The operation's requirements (else the document's). The first alternative
 * Portico can serve decides: one authorizer (with its scopes), optionally
 * with API keys, or API keys alone.
 */
export function readSecurity(ctx: ConvertContext, method: MethodDefinition, operation: Record<string, unknown>, pointer: string) {
  const requirements = Array.isArray(operation.security)
    ? operation.security
    : Array.isArray(ctx.root.security)
      ? ctx.root.security
      : undefined;
  if (!requirements || requirements.length === 0) return;
  const schemes = securitySchemes(ctx);
  const authorizers = authorizersOf.get(ctx) ?? new Map<string, AuthorizerBody>();
  const securityPointer = Array.isArray(operation.security) ? appendPointer(pointer, "security") : "/security";
  for (const requirement of requirements) {
    if (!isRecord(requirement) || Object.keys(requirement).length === 0) continue;
    const names = Object.keys(requirement);
    const keyed = names.filter((name) => isApiKeyHeader(schemes[name]));
    const authorizerNames = names.filter((name) => authorizers.has(name));
    if (keyed.length + authorizerNames.length !== names.length || authorizerNames.length > 1) continue;
    if (authorizerNames.length === 1) {
      const name = authorizerNames[0];
      const authorizer = authorizers.get(name);
      if (authorizer === undefined) continue;
      const scopes = requirement[name];
      method.authorizationType = AUTHORIZATION_FOR[authorizer.type];
      method.authorizerName = name;
      method.authorizationScopes =
        Array.isArray(scopes) && authorizer.type !== "TOKEN" && authorizer.type !== "REQUEST" ? scopes.map(String) : [];
      method.apiKeyRequired = keyed.length > 0;
      ctx.report.add(
        securityPointer,
        "security",
        "applied",
        `The method is authorized by "${name}"${method.authorizationScopes.length > 0 ? ` with scopes ${method.authorizationScopes.join(", ")}` : ""}${keyed.length > 0 ? " and requires an API key" : ""}.`,
      );
      return;
    }
    method.authorizationType = "API_KEY";
    method.apiKeyRequired = true;
    ctx.report.add(securityPointer, "security", "applied", "The method requires an API key.");
    return;
  }
  ctx.report.add(
    securityPointer,
    "security",
    "unsupported",
    "No alternative of the method's security is an API key in a header or one authorizer Portico runs: the method is imported without authorization.",
  );
}

function securitySchemes(ctx: ConvertContext): Record<string, unknown> {
  const { root } = ctx;
  const container =
    ctx.version === "2.0" ? root.securityDefinitions : isRecord(root.components) ? root.components.securitySchemes : undefined;
  if (!isRecord(container)) return {};
  const resolved: Record<string, unknown> = {};
  for (const [name, scheme] of Object.entries(container)) resolved[name] = resolveRef(root, scheme);
  return resolved;
}

function isApiKeyHeader(scheme: unknown): boolean {
  return (
    isRecord(scheme) &&
    scheme.type === "apiKey" &&
    scheme.in === "header" &&
    !(`${AWS_PREFIX}authtype` in scheme) &&
    !(`${AWS_PREFIX}authorizer` in scheme)
  );
}
