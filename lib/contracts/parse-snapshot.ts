import type { z } from "zod";
import { sameJson } from "./same-json";
import { runToEnd, type Sliced } from "./steps";
import {
  checkAuthorizerReferencesSteps,
  checkRoutesSteps,
  routeSchema,
  snapshotEnvelopeSchema,
  snapshotSchema,
  type Route,
  type Snapshot,
} from "./snapshot";

/** One route of a parsed snapshot and the input it was parsed from. */
interface ParsedRoute {
  readonly input: unknown;
  readonly route: Route;
}

/**
 * What `parseSnapshot` keeps of a document it parsed, to parse the next
 * version of the same stage faster: each route's input and result, by id.
 */
export interface SnapshotParseMemo {
  readonly routes: ReadonlyMap<string, ParsedRoute>;
  readonly canaryRoutes: ReadonlyMap<string, ParsedRoute>;
}

export type SnapshotParseResult =
  { success: true; data: Snapshot; memo: SnapshotParseMemo; reusedRoutes: number } | { success: false; error: z.ZodError };

function routeId(input: unknown): string | undefined {
  if (input === null || typeof input !== "object") return undefined;
  const id = (input as { id?: unknown }).id;
  return typeof id === "string" ? id : undefined;
}

/** Parses a route list, taking over the result for each route whose input equals the previous one; null when a route is invalid. */
function* parseRoutes(
  inputs: readonly unknown[],
  previous: ReadonlyMap<string, ParsedRoute> | undefined,
  counter: { reused: number },
): Sliced<{ routes: Route[]; memo: Map<string, ParsedRoute> } | null> {
  const routes = new Array<Route>(inputs.length);
  const memo = new Map<string, ParsedRoute>();
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    // A route is the unit of work between two slices, taken over or validated: comparing 5,000 takes time too.
    if (i > 0) yield;
    const id = routeId(input);
    const before = id !== undefined ? previous?.get(id) : undefined;
    let route: Route;
    if (before !== undefined && sameJson(before.input, input)) {
      route = before.route;
      counter.reused++;
    } else {
      const parsed = routeSchema.safeParse(input);
      if (!parsed.success) return null;
      route = parsed.data;
    }
    routes[i] = route;
    memo.set(route.id, { input, route });
  }
  return { routes, memo };
}

/** Runs the rules across routes; true when none is broken. */
function* routeTableIsValid(routes: readonly Route[], authorizers: Snapshot["api"]["authorizers"]): Sliced<boolean> {
  let broken = false;
  const ctx = { addIssue: () => void (broken = true) } as unknown as z.RefinementCtx;
  yield* checkRoutesSteps(routes, ctx, []);
  yield* checkAuthorizerReferencesSteps(authorizers, routes, ctx, []);
  return !broken;
}

/**
 * `snapshotSchema.safeParse(input)`, faster for the next version of a
 * document: a route whose input is equal to the one parsed last time for
 * the same id is taken over instead of validated again (a route's result
 * depends on its input alone). The rules across routes always run. Any
 * failure is reported by the full schema, so errors are exactly the
 * schema's; a success gives the document the schema would give.
 */
export function parseSnapshot(input: unknown, previous: SnapshotParseMemo | null = null): SnapshotParseResult {
  return runToEnd(parseSnapshotSteps(input, previous));
}

/** `parseSnapshot` as sliceable work (see steps.ts): it yields after each route, and every few hundred in the checks across routes. */
export function* parseSnapshotSteps(input: unknown, previous: SnapshotParseMemo | null = null): Sliced<SnapshotParseResult> {
  const envelope = snapshotEnvelopeSchema.safeParse(input);
  const counter = { reused: 0 };
  if (envelope.success) {
    const { routes: routeInputs, canary: canaryInput, ...rest } = envelope.data;
    const primary = yield* parseRoutes(routeInputs, previous?.routes, counter);
    const canary = canaryInput !== undefined ? yield* parseRoutes(canaryInput.routes, previous?.canaryRoutes, counter) : undefined;
    if (
      primary !== null &&
      canary !== null &&
      new Set(rest.api.authorizers.map((authorizer) => authorizer.id)).size === rest.api.authorizers.length &&
      (yield* routeTableIsValid(primary.routes, rest.api.authorizers)) &&
      (canary === undefined || (yield* routeTableIsValid(canary.routes, rest.api.authorizers)))
    ) {
      const data: Snapshot = { ...rest, routes: primary.routes };
      if (canaryInput !== undefined && canary !== undefined) data.canary = { ...canaryInput, routes: canary.routes };
      return { success: true, data, memo: { routes: primary.memo, canaryRoutes: canary?.memo ?? new Map() }, reusedRoutes: counter.reused };
    }
  }
  const full = snapshotSchema.safeParse(input);
  if (!full.success) return { success: false, error: full.error };
  // Only if the pieces and the whole disagreed, which the tests rule out: the whole is authoritative, and nothing is remembered.
  return { success: true, data: full.data, memo: { routes: new Map(), canaryRoutes: new Map() }, reusedRoutes: 0 };
}
