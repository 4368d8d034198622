import type { RequestAuthorizer, TokenAuthorizer } from "@/lib/contracts";
import { LambdaInvokeError, type LambdaInvoker } from "../lambda/invoke";
import { parseLambdaTarget, type LambdaTarget } from "@/lib/contracts/lambda-target";
import type { AuthorizerContext, RequestContext } from "../pipeline";
import { TtlCache } from "./cache";
import type { DenialReason } from "./denial";
import { identityReader, type IdentityReader } from "./identity";
import { CompiledPolicy, methodArnOf, PolicyError } from "./policy";

/**
 * Lambda authorizers (API Gateway's TOKEN and REQUEST types). The function
 * gets API Gateway's event and answers with an IAM policy (`principalId`,
 * `policyDocument`, `context`, `usageIdentifierKey`) or, with simple
 * responses, `{isAuthorized, context}`. Answers are cached per identity for
 * the authorizer's TTL; a cached policy is evaluated again for each method
 * ARN, so a policy naming one method does not open the others.
 */

/** The account and region in method ARNs: Portico has neither, and authorizers only split the ARN apart. */
export const METHOD_ARN_REGION = "us-east-1";
export const METHOD_ARN_ACCOUNT = "000000000000";

const MAX_CACHED_RESULTS = 10_000;

/** What a function answered, parsed once and cached. */
export interface AuthorizerAnswer {
  readonly policy: CompiledPolicy | null;
  /** Simple responses: the function's verdict. */
  readonly isAuthorized: boolean;
  readonly context: AuthorizerContext;
  readonly usageIdentifierKey: string | null;
}

export type LambdaAuthorizerOutcome =
  | { readonly ok: true; readonly context: AuthorizerContext; readonly usageIdentifierKey: string | null }
  | {
      readonly ok: false;
      readonly reason: DenialReason;
      /** Which of API Gateway's answers: 401, 403 (explicit deny or no allow), 500 (failure or bad answer). */
      readonly answer: "unauthorized" | "explicit-deny" | "access-denied" | "forbidden" | "failure" | "configuration";
      /** What the function said about a caller it refused, for gateway response templates. */
      readonly context?: AuthorizerContext;
    };

class InvalidAnswer extends Error {}

function parseAnswer(payload: Buffer, simpleResponses: boolean): AuthorizerAnswer {
  let body: unknown;
  try {
    body = JSON.parse(payload.toString("utf8"));
  } catch {
    throw new InvalidAnswer("the authorizer's answer is not JSON");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw new InvalidAnswer("the authorizer's answer is not an object");
  const answer = body as {
    principalId?: unknown;
    policyDocument?: unknown;
    context?: unknown;
    usageIdentifierKey?: unknown;
    isAuthorized?: unknown;
  };
  const entries: Record<string, unknown> = {};
  if (answer.context !== undefined && answer.context !== null) {
    if (typeof answer.context !== "object" || Array.isArray(answer.context)) throw new InvalidAnswer("context must be an object");
    for (const [key, value] of Object.entries(answer.context)) {
      // API Gateway passes on only strings, numbers and booleans; anything else is a configuration error.
      if (!simpleResponses && typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
        throw new InvalidAnswer(`context.${key} must be a string, a number or a boolean`);
      entries[key] = value;
    }
  }
  const usageIdentifierKey = typeof answer.usageIdentifierKey === "string" ? answer.usageIdentifierKey : null;
  if (simpleResponses) {
    if (typeof answer.isAuthorized !== "boolean") throw new InvalidAnswer("isAuthorized must be a boolean");
    return { policy: null, isAuthorized: answer.isAuthorized, context: entries, usageIdentifierKey };
  }
  if (typeof answer.principalId !== "string" && typeof answer.principalId !== "number")
    throw new InvalidAnswer("principalId must be a string");
  let policy: CompiledPolicy;
  try {
    policy = CompiledPolicy.compile(answer.policyDocument);
  } catch (error) {
    throw new InvalidAnswer(error instanceof PolicyError ? error.message : "policyDocument is not a policy");
  }
  return { policy, isAuthorized: false, context: { ...entries, principalId: String(answer.principalId) }, usageIdentifierKey };
}

/** A function's error payload asking for 401, as API Gateway reads `callback("Unauthorized")` or `throw new Error("Unauthorized")`. */
function asksForUnauthorized(payload: Buffer): boolean {
  try {
    const error = JSON.parse(payload.toString("utf8")) as { errorMessage?: unknown };
    return error.errorMessage === "Unauthorized";
  } catch {
    return false;
  }
}

function headersOf(ctx: RequestContext): { single: Record<string, string>; multi: Record<string, string[]> } {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  const raw = ctx.req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    const value = raw[i + 1];
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}

function queryOf(query: string): { single: Record<string, string> | null; multi: Record<string, string[]> | null } {
  if (query === "") return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(query)) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}

export class LambdaAuthorizer {
  private readonly target: LambdaTarget;
  private readonly cache: TtlCache<AuthorizerAnswer>;
  private readonly pending = new Map<string, Promise<AuthorizerAnswer>>();
  private readonly readers: readonly IdentityReader[];
  private readonly validation: RegExp | null;
  private readonly ttlMs: number;

  constructor(
    private readonly authorizer: TokenAuthorizer | RequestAuthorizer,
    private readonly invoker: LambdaInvoker,
    private readonly stageVariables: Readonly<Record<string, string>>,
    /** The API and stage it authorizes for: part of every method ARN and event. */
    private readonly where: { readonly apiId: string; readonly stage: string },
  ) {
    this.target = parseLambdaTarget(authorizer.target, stageVariables);
    this.cache = new TtlCache(MAX_CACHED_RESULTS);
    const sources = authorizer.type === "TOKEN" ? [authorizer.identitySource] : authorizer.identitySource;
    this.readers = sources.map((source) => identityReader(source, stageVariables));
    // API Gateway matches the whole token, as Java's String.matches does.
    this.validation =
      authorizer.type === "TOKEN" && authorizer.identityValidationExpression !== undefined
        ? new RegExp(`^(?:${authorizer.identityValidationExpression})$`)
        : null;
    // A REQUEST authorizer without identity sources has no cache key: every request invokes it.
    this.ttlMs = this.readers.length > 0 ? authorizer.resultTtlSeconds * 1000 : 0;
  }

  /** Invocations in flight or answered from the cache; a hit is answered synchronously. */
  authorize(ctx: RequestContext): LambdaAuthorizerOutcome | Promise<LambdaAuthorizerOutcome> {
    const identity: string[] = [];
    for (const read of this.readers) {
      const value = read(ctx);
      if (value === undefined) return { ok: false, reason: "authorizer.identity-missing", answer: "unauthorized" };
      identity.push(value);
    }
    if (this.validation !== null && !this.validation.test(identity[0])) {
      return { ok: false, reason: "authorizer.identity-invalid", answer: "unauthorized" };
    }
    const methodArn = methodArnOf(
      METHOD_ARN_REGION,
      METHOD_ARN_ACCOUNT,
      ctx.stage?.apiId ?? "",
      ctx.stage?.stage ?? "",
      ctx.req.method ?? "GET",
      ctx.path,
    );
    const key = identity.join("\u0000");
    const cached = this.ttlMs > 0 ? this.cache.get(key) : undefined;
    if (cached !== undefined) return this.decide(cached, methodArn);
    let answer = this.ttlMs > 0 ? this.pending.get(key) : undefined;
    if (answer === undefined) {
      answer = this.invoke(ctx, identity, methodArn);
      if (this.ttlMs > 0) {
        this.pending.set(key, answer);
        const settle = (): void => void this.pending.delete(key);
        answer.then((value) => {
          this.cache.set(key, value, this.ttlMs);
          settle();
        }, settle);
      }
    }
    return answer.then(
      (value) => this.decide(value, methodArn),
      (error: unknown) => this.failure(error),
    );
  }

  private decide(answer: AuthorizerAnswer, methodArn: string): LambdaAuthorizerOutcome {
    if (answer.policy === null) {
      return answer.isAuthorized
        ? { ok: true, context: answer.context, usageIdentifierKey: answer.usageIdentifierKey }
        : { ok: false, reason: "authorizer.deny", answer: "forbidden", context: answer.context };
    }
    const decision = answer.policy.decide(methodArn);
    if (decision === "allow") return { ok: true, context: answer.context, usageIdentifierKey: answer.usageIdentifierKey };
    if (decision === "deny") return { ok: false, reason: "authorizer.deny", answer: "explicit-deny", context: answer.context };
    return { ok: false, reason: "authorizer.no-allow", answer: "access-denied", context: answer.context };
  }

  private failure(error: unknown): LambdaAuthorizerOutcome {
    if (error instanceof UnauthorizedAnswer) return { ok: false, reason: "authorizer.unauthorized", answer: "unauthorized" };
    if (error instanceof InvalidAnswer) return { ok: false, reason: "authorizer.invalid-response", answer: "configuration" };
    if (error instanceof LambdaInvokeError && error.kind === "timeout")
      return { ok: false, reason: "authorizer.timeout", answer: "failure" };
    return { ok: false, reason: "authorizer.failure", answer: "failure" };
  }

  private async invoke(ctx: RequestContext, identity: readonly string[], methodArn: string): Promise<AuthorizerAnswer> {
    const event =
      this.authorizer.type === "TOKEN"
        ? { type: "TOKEN", authorizationToken: identity[0], methodArn }
        : this.authorizer.payloadFormatVersion === "2.0"
          ? this.requestEventV2(ctx, identity, methodArn)
          : this.requestEvent(ctx, methodArn);
    const result = await this.invoker.invoke({ target: this.target, payload: JSON.stringify(event), timeoutMs: this.authorizer.timeoutMs });
    if (result.functionError !== null) {
      if (asksForUnauthorized(result.payload)) throw new UnauthorizedAnswer();
      throw new Error(`the authorizer failed (${result.functionError})`);
    }
    return parseAnswer(result.payload, this.authorizer.simpleResponses);
  }

  /** API Gateway's REQUEST authorizer event (payload format 1.0). */
  private requestEvent(ctx: RequestContext, methodArn: string): Record<string, unknown> {
    const headers = headersOf(ctx);
    const query = queryOf(ctx.query);
    const { apiId, stage } = this.where;
    const route = ctx.route;
    const userAgent = ctx.req.headers["user-agent"];
    return {
      type: "REQUEST",
      methodArn,
      resource: route?.path ?? ctx.path,
      path: ctx.path,
      httpMethod: ctx.req.method,
      headers: headers.single,
      multiValueHeaders: headers.multi,
      queryStringParameters: query.single,
      multiValueQueryStringParameters: query.multi,
      pathParameters: ctx.params ?? {},
      stageVariables: this.stageVariables,
      requestContext: {
        path: `/${stage}${ctx.path}`,
        accountId: METHOD_ARN_ACCOUNT,
        resourceId: route?.id,
        stage,
        requestId: ctx.requestId,
        identity: { sourceIp: ctx.req.socket.remoteAddress, userAgent: typeof userAgent === "string" ? userAgent : null },
        resourcePath: route?.path,
        httpMethod: ctx.req.method,
        apiId,
      },
    };
  }

  /** HTTP APIs' REQUEST authorizer event (payload format 2.0). */
  private requestEventV2(ctx: RequestContext, identity: readonly string[], routeArn: string): Record<string, unknown> {
    const { apiId, stage } = this.where;
    const method = ctx.req.method ?? "GET";
    const headers: Record<string, string> = {};
    let cookies: string[] | undefined;
    for (const [name, value] of Object.entries(ctx.req.headers)) {
      if (value === undefined) continue;
      const text = Array.isArray(value) ? value.join(",") : value;
      if (name === "cookie") cookies = text.split(/;\s*/).filter((cookie) => cookie !== "");
      else headers[name] = text;
    }
    const query: Record<string, string> = {};
    if (ctx.query !== "")
      for (const [name, value] of new URLSearchParams(ctx.query)) query[name] = name in query ? `${query[name]},${value}` : value;
    const routeKey = `${method} ${ctx.route?.path ?? ctx.path}`;
    const userAgent = ctx.req.headers["user-agent"];
    const now = Date.now();
    return {
      version: "2.0",
      type: "REQUEST",
      routeArn,
      identitySource: [...identity],
      routeKey,
      rawPath: ctx.path,
      rawQueryString: ctx.query,
      ...(cookies !== undefined ? { cookies } : {}),
      headers,
      ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
      requestContext: {
        accountId: METHOD_ARN_ACCOUNT,
        apiId,
        http: {
          method,
          path: ctx.path,
          protocol: `HTTP/${ctx.req.httpVersion}`,
          sourceIp: ctx.req.socket.remoteAddress,
          userAgent: typeof userAgent === "string" ? userAgent : "",
        },
        requestId: ctx.requestId,
        routeKey,
        stage,
        time: new Date(now).toUTCString(),
        timeEpoch: now,
      },
      ...(ctx.params !== null && Object.keys(ctx.params).length > 0 ? { pathParameters: { ...ctx.params } } : {}),
      ...(Object.keys(this.stageVariables).length > 0 ? { stageVariables: { ...this.stageVariables } } : {}),
    };
  }
}

class UnauthorizedAnswer extends Error {}
