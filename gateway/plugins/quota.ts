import { z } from "zod";
import type { QuotaResult } from "@/gateway/stores";
import { errors, withRetryAfter } from "../errors";
import type { RequestContext } from "../request-context";
import { guardedStore, onStoreFailure } from "./store-results";
import { definePlugin, type StepResult } from "./types";

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
 * Requests per key per DAY, WEEK or MONTH (UTC), from the key's usage plan.
 * Store unavailable: configurable, open by default.
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
      const quota = ctx.plan !== null ? ctx.plan.quota : null;
      if (quota === null) return undefined;
      const now = Date.now();
      let result: QuotaResult | Promise<QuotaResult>;
      try {
        result = store.consumeQuota(quota.counterKey, quota.limit, quota.period, now);
      } catch (error) {
        return onStoreFailure(error);
      }
      if (result instanceof Promise) return result.then((settled) => applyQuota(ctx, quota.limit, settled, now), onStoreFailure);
      return applyQuota(ctx, quota.limit, result, now);
    };
  },
});
