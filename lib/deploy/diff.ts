import type { Cors, Route } from "@/lib/contracts";
import { stableStringify } from "@/lib/contracts/hash";

import type { Definition } from "./compile-snapshot";

/** One change that makes the API easier to call for people who should not. */
export type Loosening = { route: string | null; message: string };

export type RouteChange = { route: string; fields: string[] };

export type DefinitionDiff = {
  added: string[];
  removed: string[];
  changed: RouteChange[];
  /** API-level settings that differ: "name", "cors", "binaryMediaTypes", "authorizers", "gatewayResponses", "apiKeySource". */
  apiChanges: string[];
  loosening: Loosening[];
  identical: boolean;
};

function routeKey(route: Route): string {
  return `${route.method} ${route.path}`;
}

const ROUTE_FIELDS = [
  "authorization",
  "authorizerId",
  "authorizationScopes",
  "apiKeyRequired",
  "requestParameters",
  "requestModel",
  "requestValidator",
  "integration",
] as const;

function usesAuthorizer(route: Route): boolean {
  return route.authorizerId !== undefined;
}

function requiresKey(route: Route): boolean {
  return route.authorization === "API_KEY" || route.apiKeyRequired;
}

function routeLoosening(key: string, before: Route, after: Route): Loosening[] {
  const found: Loosening[] = [];
  if (requiresKey(before) && !requiresKey(after)) found.push({ route: key, message: "no longer requires an API key" });
  if (usesAuthorizer(before) && !usesAuthorizer(after)) found.push({ route: key, message: "no longer has an authorizer" });
  else if (before.authorizationScopes.length > 0 && after.authorizationScopes.length === 0 && usesAuthorizer(after))
    found.push({ route: key, message: "no longer requires a scope" });
  if (before.requestValidator.body && !after.requestValidator.body)
    found.push({ route: key, message: "no longer validates the request body" });
  if (before.requestValidator.params && !after.requestValidator.params)
    found.push({ route: key, message: "no longer validates the request parameters" });
  return found;
}

function originsWidened(before: Cors | undefined, after: Cors | undefined): string | null {
  if (after === undefined) return null;
  if (before === undefined) return `CORS is now enabled for ${after.allowOrigins.join(", ")}`;
  if (!before.allowOrigins.includes("*") && after.allowOrigins.includes("*")) return "CORS now allows every origin ('*')";
  const added = after.allowOrigins.filter((origin) => !before.allowOrigins.includes(origin));
  if (added.length > 0) return `CORS now also allows ${added.join(", ")}`;
  if (!before.allowCredentials && after.allowCredentials) return "CORS now allows credentials";
  return null;
}

/**
 * What changes between two definitions (`from` is live, `to` would replace
 * it): routes added, removed and changed (with the fields), API settings, and
 * the changes that loosen security, which a confirmation should call out.
 * New routes without an API key are not flagged: they add surface, but
 * nothing that was protected becomes open.
 */
export function diffDefinitions(from: Definition | null, to: Definition): DefinitionDiff {
  const before = new Map((from?.routes ?? []).map((route) => [routeKey(route), route]));
  const after = new Map(to.routes.map((route) => [routeKey(route), route]));
  const added = [...after.keys()].filter((key) => !before.has(key));
  const removed = [...before.keys()].filter((key) => !after.has(key));
  const changed: RouteChange[] = [];
  const loosening: Loosening[] = [];
  for (const [key, next] of after) {
    const previous = before.get(key);
    if (previous === undefined) continue;
    const fields = ROUTE_FIELDS.filter((field) => stableStringify(previous[field]) !== stableStringify(next[field]));
    if (fields.length > 0) changed.push({ route: key, fields });
    loosening.push(...routeLoosening(key, previous, next));
  }
  const apiChanges: string[] = [];
  if (from !== null) {
    if (from.api.name !== to.api.name) apiChanges.push("name");
    if (stableStringify(from.api.cors) !== stableStringify(to.api.cors)) apiChanges.push("cors");
    if (stableStringify(from.api.binaryMediaTypes) !== stableStringify(to.api.binaryMediaTypes)) apiChanges.push("binaryMediaTypes");
    if (stableStringify(from.api.authorizers) !== stableStringify(to.api.authorizers)) apiChanges.push("authorizers");
    if (stableStringify(from.api.gatewayResponses) !== stableStringify(to.api.gatewayResponses)) apiChanges.push("gatewayResponses");
    if (from.api.apiKeySource !== to.api.apiKeySource) apiChanges.push("apiKeySource");
    const cors = originsWidened(from.api.cors, to.api.cors);
    if (cors !== null) loosening.push({ route: null, message: cors });
  }
  const sort = (list: string[]) => list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    added: sort(added),
    removed: sort(removed),
    changed: changed.sort((a, b) => (a.route < b.route ? -1 : 1)),
    apiChanges,
    loosening,
    identical: added.length === 0 && removed.length === 0 && changed.length === 0 && apiChanges.length === 0,
  };
}
