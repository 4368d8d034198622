import type { CognitoAuthorizer, JwtAuthorizer } from "@/lib/contracts";
import { LruCache } from "../key-cache";
import { JwtVerifier, type JwtVerifierOptions } from "./jwt";

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

/** Forgets every verifier (tests that restart an issuer on the same URL). */
export function clearAuthorizerState(): void {
  verifiers.clear();
}
