import { z } from "zod";
import type { CounterStore, QuotaResult } from "@/gateway/stores";
import { errors, withRetryAfter } from "../errors";
import type { RequestContext } from "../pipeline";
import { guardedStore, onStoreFailure } from "./store-results";
import { definePlugin, type StepResult } from "./types";

function ignore(): void {}

/** Counts without waiting: the guarded store has already reported a failure, and a request is never held for usage. */
function countUsage(store: CounterStore, keyId: string, now: number): void {
  const pending = store.countUsage(keyId, now);
  if (pending instanceof Promise) pending.catch(ignore);
}

function applyQuota(ctx: RequestContext, limit: number, result: QuotaResult, now: number): StepResult {
  // The quota is the limit a consumer plans around, so it wins the RateLimit-* headers over the burst.
  const resetMs = Math.max(0, result.resetAt - now);
  ctx.rateLimitLimit = limit;
  ctx.rateLimitRemaining = result.remaining;
  ctx.rateLimitResetSeconds = Math.ceil(resetMs / 1000);
  if (result.allowed) return undefined;
  return withRetryAfter(errors.quotaExceeded, resetMs);
}

/**
 * Requests per key per DAY, WEEK or MONTH (UTC), from the key's usage plan,
 * and every keyed request's daily usage (what the console charts).
 *
 * Usage counts what API Gateway's GetUsage counts: requests that passed
 * authentication, throttling and the quota. A 403 (bad key) never reaches
 * this step and a 429 (throttled by an earlier step, or refused here) is not
 * counted; a request that fails validation afterwards (400) was accepted
 * and is counted. This step runs last in the limit phase for that reason.
 *
 * Store unavailable: configurable, open by default for the quota; usage
 * counting never refuses or delays a request (failures are only counted).
 */
export const quotaPlugin = definePlugin({
  name: "quota",
  phase: "limit",
  order: 300,
  storeFailure: "configurable",
  configSchema: z.object({}),
  configFor: (scope) => (scope.keyed ? {} : null),
  create(_config, env) {
    const store = guardedStore(env, "configurable");
    // Hot path.
    return (ctx) => {
      const key = ctx.key;
      if (key === null) return undefined;
      const quota = ctx.plan !== null ? ctx.plan.quota : null;
      const now = Date.now();
      if (quota === null) {
        countUsage(store, key.id, now);
        return undefined;
      }
      let result: QuotaResult | Promise<QuotaResult>;
      try {
        // The quota script counts the day's usage too when it allows the request: one round trip.
        result = store.consumeQuota(quota.counterKey, quota.limit, quota.period, now, key.id);
      } catch (error) {
        return onStoreFailure(error);
      }
      if (result instanceof Promise) return result.then((settled) => applyQuota(ctx, quota.limit, settled, now), onStoreFailure);
      return applyQuota(ctx, quota.limit, result, now);
    };
  },
});
