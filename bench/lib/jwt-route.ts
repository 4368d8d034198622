import type { SnapshotInput } from "@/lib/contracts";
import { startTestIssuer } from "@/test/support/jwt-issuer";

/** The hot route's twin behind a JWT authorizer; the upstream path is the hot route's. */
export const JWT_HOT_ROUTE_PATH = "/jwt/svc125/items/42";
const AUDIENCE = "benchmark";

/** A loopback issuer (discovery and JWKS) and one token the load generator sends on every request. */
export async function startBenchIssuer(): Promise<{ issuer: string; token: string; close: () => Promise<void> }> {
  const issuer = await startTestIssuer({ audience: AUDIENCE });
  const token = await issuer.sign({ claims: { exp: Math.floor(Date.now() / 1000) + 86_400, scope: "items:read" } });
  return { issuer: issuer.issuer, token, close: () => issuer.close() };
}

export function addJwtRoute(snapshot: SnapshotInput, issuer: string, upstreamOrigin: string): void {
  snapshot.api = { ...snapshot.api, authorizers: [{ id: "bench-jwt", name: "Bench issuer", type: "JWT", issuer, audience: [AUDIENCE] }] };
  snapshot.routes = [
    ...snapshot.routes,
    {
      id: "jwt-hot",
      method: "GET",
      path: "/jwt/svc125/items/{id}",
      authorization: "JWT",
      authorizerId: "bench-jwt",
      authorizationScopes: ["items:read"],
      integration: { type: "http_proxy", uri: `${upstreamOrigin}/svc125/items/{id}` },
    },
  ];
}
