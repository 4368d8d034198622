import type { AuthorizerContext } from "../pipeline";

// `$context.authorizer` is one object per authorizer answer; Lambda proxy
// events of payload format 2.0 (HTTP APIs) nest it by authorizer kind, as
// API Gateway does: `{jwt: {claims, scopes}}` for JWT authorizers and
// `{lambda: {...context}}` for Lambda ones.

const fromTokens = new WeakSet<object>();

/** Marks a context as a verified token's (claims and scopes). */
export function tokenContext(context: AuthorizerContext): AuthorizerContext {
  fromTokens.add(context);
  return context;
}

/** The `requestContext.authorizer` of a payload format 2.0 event. */
export function proxyV2Authorizer(context: AuthorizerContext): Record<string, unknown> {
  if (fromTokens.has(context)) return { jwt: { claims: context.claims ?? {}, scopes: context.scopes ?? [] } };
  const { principalId, ...entries } = context;
  return principalId !== undefined ? { principalId, lambda: entries } : { lambda: entries };
}
