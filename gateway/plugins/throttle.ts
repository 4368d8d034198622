import { z } from "zod";
import type { TokenBucketResult } from "@/gateway/stores";
import type { ThrottleSpec } from "../consumers";
import { errors, withRetryAfter } from "../errors";
import type { RequestContext } from "../pipeline";
import { guardedStore, onStoreFailure } from "./store-results";
import { definePlugin, type StepResult } from "./types";

function applyBucket(ctx: RequestContext, spec: ThrottleSpec, result: TokenBucketResult): StepResult {
  ctx.rateLimitLimit = spec.burst;
  ctx.rateLimitRemaining = result.remaining;
  ctx.rateLimitResetSeconds = spec.rate > 0 ? Math.ceil((spec.burst - result.remaining) / spec.rate) : 0;
  if (result.allowed) return undefined;
  return withRetryAfter(errors.keyThrottled, result.retryAfterMs);
}

/**
 * Token bucket per API key and stage, from the key's usage plan; a
 * per-method throttle of the plan (`/pets/{petId}/GET`) replaces it for
 * that method, with its own bucket. Store unavailable: configurable, open
 * by default (throttling is protection, not billing).
 */
export const keyThrottlePlugin = definePlugin({
  name: "key-throttle",
  phase: "limit",
  order: 200,
  storeFailure: "configurable",
  configSchema: z.object({ resourcePath: z.string().min(1), method: z.string().min(1) }),
  configFor: (scope) => (scope.keyed ? { resourcePath: scope.route.path, method: scope.route.method } : null),
  create(config, env) {
    const store = guardedStore(env, "configurable");
    const methodKey = `${config.resourcePath}/${config.method}`;
    // An ANY route serves every method: a plan's `/path/GET` throttle applies to its GETs.
    const perRequestPrefix = config.method === "ANY" ? `${config.resourcePath}/` : null;

    function methodThrottle(ctx: RequestContext, throttles: Map<string, ThrottleSpec>): ThrottleSpec | undefined {
      if (perRequestPrefix !== null) {
        const specific = throttles.get(perRequestPrefix + (ctx.req.method ?? "GET"));
        if (specific !== undefined) return specific;
      }
      return throttles.get(methodKey);
    }

    // Hot path.
    return (ctx) => {
      const plan = ctx.plan;
      if (plan === null) return undefined;
      const spec = (plan.methodThrottles !== null ? methodThrottle(ctx, plan.methodThrottles) : undefined) ?? plan.throttle;
      if (spec === null) return undefined;
      let result: TokenBucketResult | Promise<TokenBucketResult>;
      try {
        result = store.takeToken(spec.bucketKey, spec.rate, spec.burst, Date.now());
      } catch (error) {
        return onStoreFailure(error);
      }
      if (result instanceof Promise) return result.then((settled) => applyBucket(ctx, spec, settled), onStoreFailure);
      return applyBucket(ctx, spec, result);
    };
  },
});

/**
 * The stage's default throttle, for routes that need no key: one bucket
 * shared by every caller of the stage. Store unavailable: configurable,
 * open by default.
 */
export const stageThrottlePlugin = definePlugin({
  name: "stage-throttle",
  phase: "limit",
  order: 210,
  storeFailure: "configurable",
  configSchema: z.object({ rate: z.number().min(0), burst: z.number().int().min(0), bucketKey: z.string().min(1) }),
  configFor: (scope) =>
    !scope.keyed && scope.snapshot.throttle !== undefined
      ? {
          rate: scope.snapshot.throttle.rateLimit,
          burst: scope.snapshot.throttle.burstLimit,
          bucketKey: `tb:${scope.apiId}:${scope.stage}`,
        }
      : null,
  create(config, env) {
    const store = guardedStore(env, "configurable");
    const { rate, burst, bucketKey } = config;
    // Hot path.
    return () => {
      let result: TokenBucketResult | Promise<TokenBucketResult>;
      try {
        result = store.takeToken(bucketKey, rate, burst, Date.now());
      } catch (error) {
        return onStoreFailure(error);
      }
      if (result instanceof Promise) {
        return result.then(
          (settled) => (settled.allowed ? undefined : withRetryAfter(errors.stageThrottled, settled.retryAfterMs)),
          onStoreFailure,
        );
      }
      return result.allowed ? undefined : withRetryAfter(errors.stageThrottled, result.retryAfterMs);
    };
  },
});
