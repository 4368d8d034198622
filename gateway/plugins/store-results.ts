import { guardStore, isStoreUnavailableError } from "@/gateway/stores";
import type { CounterStore } from "@/gateway/stores";
import { errors } from "../errors";
import type { PluginEnv, StepResult } from "./types";

/** The store as a plugin with this policy sees it: failures reported, and allowed when failing open. */
export function guardedStore(env: PluginEnv, policy: "open" | "closed" | "configurable"): CounterStore {
  const failOpen = policy === "configurable" ? env.storeFailure === "open" : policy === "open";
  return guardStore(env.store, { failOpen, reporter: env.reporter });
}

/**
 * A guarded store rethrows only when failing closed (already counted and
 * logged by the guard): answer 503 so the client may retry. Any other error
 * is a bug and propagates to the request's 500 handler.
 */
export function onStoreFailure(error: unknown): StepResult {
  if (isStoreUnavailableError(error)) return errors.storeUnavailable;
  throw error;
}
