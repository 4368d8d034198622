import type { CognitoAuthorizer, JwtAuthorizer, RequestAuthorizer, TokenAuthorizer } from "@/lib/contracts";
import type { LambdaInvoker } from "../lambda/invoke";
import { LruCache } from "../key-cache";
import { JwtVerifier, type JwtVerifierOptions } from "./jwt";
import { LambdaAuthorizer } from "./lambda-authorizer";

// Verifiers outlive the snapshot they were compiled for: a redeploy that
// keeps an authorizer's definition keeps its key set and its verified
// tokens, instead of fetching the issuer's keys again and verifying every
// token anew under load. Bounded, as authorizer definitions come from pushes.
const verifiers = new LruCache<string, JwtVerifier>(256);
let verifierOptions: JwtVerifierOptions = {};

/** Options for verifiers made from now on (embedding, tests). */
export function setJwtVerifierOptions(options: JwtVerifierOptions): void {
  verifierOptions = options;
  verifiers.clear();
}

export function jwtVerifierFor(authorizer: JwtAuthorizer | CognitoAuthorizer): JwtVerifier {
  const key = JSON.stringify(authorizer);
  let verifier = verifiers.get(key);
  if (verifier === undefined) {
    verifier = new JwtVerifier(authorizer, verifierOptions);
    verifiers.set(key, verifier);
  }
  return verifier;
}

// The same for Lambda authorizers and their result caches, per invoker (per gateway).
const lambdaAuthorizers = new WeakMap<LambdaInvoker, LruCache<string, LambdaAuthorizer>>();

export function lambdaAuthorizerFor(
  authorizer: TokenAuthorizer | RequestAuthorizer,
  invoker: LambdaInvoker,
  stageVariables: Readonly<Record<string, string>>,
  where: { apiId: string; stage: string },
): LambdaAuthorizer {
  let byDefinition = lambdaAuthorizers.get(invoker);
  if (byDefinition === undefined) {
    byDefinition = new LruCache(256);
    lambdaAuthorizers.set(invoker, byDefinition);
  }
  const key = JSON.stringify([authorizer, stageVariables, where.apiId, where.stage]);
  let compiled = byDefinition.get(key);
  if (compiled === undefined) {
    compiled = new LambdaAuthorizer(authorizer, invoker, stageVariables, where);
    byDefinition.set(key, compiled);
  }
  return compiled;
}

/** Forgets every verifier (tests that restart an issuer on the same URL). */
export function clearAuthorizerState(): void {
  verifiers.clear();
}
