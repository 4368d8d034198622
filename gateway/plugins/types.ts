import type { ValidateFunction } from "ajv";
import type { z } from "zod";
import type { Route, Snapshot } from "@/lib/contracts";
import type { CounterStore, StoreErrorReporter } from "@/gateway/stores";
import type { LambdaInvoker } from "../lambda/invoke";
import type { ConsumersRef } from "../live-state";
import type { RequestStep } from "../pipeline";

export type { RequestStep, StepResult } from "../pipeline";

/** Phases run in this order; within a phase, by `order`. */
export const PHASES = ["authenticate", "limit", "validate"] as const;
export type Phase = (typeof PHASES)[number];

/** Shared by every route of one snapshot compilation, and dropped with it. */
export interface CompileSession {
  /** Compiles a JSON Schema with the snapshot's one validator instance. */
  compileSchema(schema: Record<string, unknown>): ValidateFunction;
  /**
   * Steps already created in this compilation, by plugin and config. A step
   * depends on its config alone, so routes with equal configs (every keyed
   * route of a stage has the same api-key config) share one.
   */
  readonly steps: Map<string, RequestStep>;
}

/** What a plugin sees of the route it is compiled for. */
export interface RouteScope {
  readonly apiId: string;
  readonly stage: string;
  /** `<apiId>/<stage>`, the key of usage plans' API stages. */
  readonly stageKey: string;
  readonly snapshot: Snapshot;
  readonly route: Route;
  /** True when the route requires an API key. */
  readonly keyed: boolean;
  /** The stage variables the route is compiled with (the canary's overrides applied). */
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly session: CompileSession;
}

/** Shared services a plugin factory may capture. */
export interface PluginEnv {
  readonly store: CounterStore;
  readonly reporter: StoreErrorReporter;
  /** What plugins using the store do when it is unavailable (each may narrow this). */
  readonly storeFailure: "open" | "closed";
  readonly consumers: ConsumersRef;
  readonly maxBodyBytes: number;
  /** Invokes Lambda authorizers. */
  readonly lambda: LambdaInvoker;
}

/**
 * The one shape of a plugin. `configFor` derives the route's config from
 * the snapshot (null: the plugin does not apply to this route), the config
 * is checked against `configSchema`, and `create` returns the function run
 * per request. All of it happens when a snapshot is compiled, never per
 * request.
 */
export interface Plugin<C> {
  readonly name: string;
  readonly phase: Phase;
  readonly order: number;
  /**
   * What the plugin does when its counter store is unavailable: "open"
   * lets the request through, "closed" answers 503; "configurable" follows
   * GATEWAY_STORE_FAILURE (open by default); "none" for plugins without a store.
   */
  readonly storeFailure: "open" | "closed" | "configurable" | "none";
  readonly configSchema: z.ZodType<C>;
  configFor(scope: RouteScope): C | null;
  create(config: C, env: PluginEnv, session: CompileSession): RequestStep;
}

/** Lets plugins of different config types share one list. */
export function definePlugin<C>(plugin: Plugin<C>): Plugin<C> {
  return plugin;
}
