import { z } from "zod";
import { errors } from "../errors";
import { definePlugin } from "./types";

/**
 * Requires a valid `x-api-key` (or, with key source AUTHORIZER, the key
 * the Lambda authorizer returned) on routes with API_KEY authorization. The key
 * must exist, be enabled, not be past its `expiresAt`, and belong to a usage
 * plan covering this stage; anything else is a bare 403 "Forbidden", which
 * tells a caller guessing keys nothing.
 */
export const apiKeyPlugin = definePlugin({
  name: "api-key",
  phase: "authenticate",
  order: 100,
  storeFailure: "none",
  configSchema: z.object({ stageKey: z.string().min(1), source: z.enum(["HEADER", "AUTHORIZER"]) }),
  configFor: (scope) => (scope.keyed ? { stageKey: scope.stageKey, source: scope.snapshot.api.apiKeySource } : null),
  create(config, env) {
    const consumers = env.consumers;
    const stageKey = config.stageKey;
    const fromAuthorizer = config.source === "AUTHORIZER";
    // Hot path.
    return (ctx) => {
      // AUTHORIZER: the key is the `usageIdentifierKey` the route's Lambda authorizer returned, never a header.
      const raw = fromAuthorizer ? ctx.authorizerApiKey : ctx.req.headers["x-api-key"];
      if (typeof raw !== "string" || raw.length === 0) return errors.keyMissing;
      const live = consumers.current;
      if (live === null) return errors.keyUnknown;
      const record = live.lookup(raw);
      if (record === undefined) return errors.keyUnknown;
      if (!record.enabled) return errors.keyDisabled;
      if (record.expiresAt !== Number.POSITIVE_INFINITY && record.expiresAt <= Date.now()) return errors.keyExpired;
      const plan = record.stages.get(stageKey);
      if (plan === undefined) return errors.planNotAttached;
      ctx.key = record;
      ctx.plan = plan;
      return undefined;
    };
  },
});
