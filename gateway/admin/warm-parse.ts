import { routeSchema, type Route, type SnapshotParseMemo } from "@/lib/contracts";
import { stableStringify, type CanonicalMemo } from "@/lib/contracts/hash";
import { sameJson } from "@/lib/contracts/same-json";
import type { Sliced } from "../compile/slices";

type ParsedRoutes = Map<string, { input: unknown; route: Route }>;

function routeInputs(document: unknown, canary: boolean): readonly unknown[] {
  if (document === null || typeof document !== "object") return [];
  const holder = canary ? (document as { canary?: unknown }).canary : document;
  if (holder === null || typeof holder !== "object") return [];
  const routes = (holder as { routes?: unknown }).routes;
  return Array.isArray(routes) ? routes : [];
}

function* warmRoutes(
  inputs: readonly unknown[],
  previous: ReadonlyMap<string, { input: unknown; route: Route }> | undefined,
  canonical: CanonicalMemo,
): Sliced<ParsedRoutes> {
  const parsed: ParsedRoutes = new Map();
  for (const input of inputs) {
    const id = input !== null && typeof input === "object" ? (input as { id?: unknown }).id : undefined;
    if (typeof id !== "string") continue;
    const before = previous?.get(id);
    // A route is the unit of work between two slices, taken over or not: comparing 5,000 takes time too.
    yield;
    if (before !== undefined && sameJson(before.input, input)) {
      // With this input, parseSnapshot's own comparison is one identity check instead of a second deep one.
      parsed.set(id, { input, route: before.route });
      continue;
    }
    const result = routeSchema.safeParse(input);
    // An invalid route is left to parseSnapshot, which reports it with the whole schema's errors.
    if (!result.success) continue;
    parsed.set(id, { input, route: result.data });
    canonical.set(result.data, stableStringify(result.data));
  }
  return parsed;
}

/**
 * What `parseSnapshot` would validate and `hashDocument` would write for a
 * document, done ahead a route at a time (sliceable): a parse memo holding
 * every valid route of `document`, each already in the canonical memo.
 * `parseSnapshot(document, memo)` then takes them all over, and does only
 * the document-wide checks, which are the same either way.
 */
export function* warmParseSteps(
  document: unknown,
  previous: SnapshotParseMemo | null,
  canonical: CanonicalMemo,
): Sliced<SnapshotParseMemo> {
  const routes = yield* warmRoutes(routeInputs(document, false), previous?.routes, canonical);
  const canaryRoutes = yield* warmRoutes(routeInputs(document, true), previous?.canaryRoutes, canonical);
  return { routes, canaryRoutes };
}
