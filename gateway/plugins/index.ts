import { apiKeyPlugin } from "./api-key";
import { authorizePlugin } from "./authorize";
import { quotaPlugin } from "./quota";
import { keyThrottlePlugin, stageThrottlePlugin } from "./throttle";
import { PHASES, type CompileSession, type Phase, type Plugin, type PluginEnv, type RequestStep, type RouteScope } from "./types";
import { createSchemaCompiler, validateRequestPlugin } from "./validate-request";

/** A plugin with its config type sealed inside, so plugins of different configs share one list. */
export interface CompilablePlugin {
  readonly name: string;
  readonly phase: Phase;
  readonly order: number;
  /** The route's step, or null when the plugin does not apply to the route. */
  compileFor(scope: RouteScope, env: PluginEnv): RequestStep | null;
}

function compilable<C>(plugin: Plugin<C>): CompilablePlugin {
  return {
    name: plugin.name,
    phase: plugin.phase,
    order: plugin.order,
    compileFor(scope, env) {
      const config = plugin.configFor(scope);
      if (config === null) return null;
      const key = `${plugin.name}\u0000${JSON.stringify(config)}`;
      let step = scope.session.steps.get(key);
      if (step === undefined) {
        step = plugin.create(plugin.configSchema.parse(config), env, scope.session);
        scope.session.steps.set(key, step);
      }
      return step;
    },
  };
}

/** Every plugin, sorted by phase then order: the order their steps run in. */
export const PLUGINS: readonly CompilablePlugin[] = [
  compilable(authorizePlugin),
  compilable(apiKeyPlugin),
  compilable(keyThrottlePlugin),
  compilable(stageThrottlePlugin),
  compilable(quotaPlugin),
  compilable(validateRequestPlugin),
].sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || a.order - b.order);

/** State shared by the routes of one snapshot compilation, dropped with it. */
export function createCompileSession(): CompileSession {
  return { compileSchema: createSchemaCompiler(), steps: new Map() };
}

/** The route's plugin chain, resolved once: null when no plugin applies. */
export function compileChain(scope: RouteScope, env: PluginEnv): RequestStep[] | null {
  const steps: RequestStep[] = [];
  for (const plugin of PLUGINS) {
    const step = plugin.compileFor(scope, env);
    if (step !== null) steps.push(step);
  }
  return steps.length > 0 ? steps : null;
}

export type { CompileSession, Plugin, PluginEnv, RequestStep, RouteScope, StepResult } from "./types";
