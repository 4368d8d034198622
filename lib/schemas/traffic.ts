import { z } from "zod";

import { cursorSchema, idSchema, limitSchema, timestampSchema } from "./common";

// The traffic of a stage (or a whole API) as the console keeps it: per-minute
// counters and latency histograms collected from the gateway nodes, and the
// recent requests the nodes hold for the request explorer.

/** Largest number of points one metrics answer may have (CloudWatch's limit per call, too). */
export const MAX_METRIC_POINTS = 1440;
/** The steps the dashboard uses; any multiple of 60 up to a day works. */
export const METRIC_STEPS = [60, 300, 900, 3600, 14400, 86400] as const;

const epochOrIso = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} must not be empty`)
    .transform((value, context) => {
      const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
      if (!Number.isFinite(ms)) {
        context.addIssue({
          code: "custom",
          message: `${label} must be an ISO 8601 time (2026-12-07T10:00:00Z) or milliseconds since the epoch`,
        });
        return z.NEVER;
      }
      return ms;
    })
    .meta({ description: `${label}: ISO 8601 time or epoch milliseconds.` });

/** A time range, `from` inclusive and `to` exclusive; by default the last hour up to now. */
function withRange<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject({ from: epochOrIso("from").optional(), to: epochOrIso("to").optional(), ...shape });
}

export const stageTrafficParamsSchema = z.object({ apiId: idSchema, stageName: z.string().min(1).max(128) });
export const apiTrafficParamsSchema = z.object({ apiId: idSchema });

export const metricsQuerySchema = withRange({
  step: z.coerce
    .number({ error: "step must be a whole number of seconds" })
    .int("step must be a whole number of seconds")
    .min(60, "step must be at least 60 seconds (one minute, the unit the nodes count in)")
    .max(86_400, "step must be at most 86400 seconds (one day)")
    .refine((step) => step % 60 === 0, "step must be a multiple of 60 seconds")
    .default(60)
    .meta({ description: "Seconds per point: a multiple of 60 up to 86400 (60, 300, 3600, 86400, ...)." }),
});
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

export const topQuerySchema = withRange({
  by: z.enum(["route", "apiKey"], { error: "by must be route or apiKey" }).default("route"),
  limit: z.coerce.number().int().min(1).max(50, "limit must be at most 50").default(10),
});
export type TopQuery = z.infer<typeof topQuerySchema>;

const latencyMs = (description: string) =>
  z
    .number()
    .nullable()
    .meta({ description: `${description}; null without requests.` });

export const MetricPointSchema = z
  .object({
    at: timestampSchema.meta({ description: "Start of the point's interval." }),
    count: z.number().int(),
    status4xx: z.number().int(),
    status5xx: z.number().int(),
    latencyP50Ms: latencyMs("Median total latency"),
    latencyP90Ms: latencyMs("90th percentile of total latency"),
    latencyP99Ms: latencyMs("99th percentile of total latency"),
    integrationLatencyP50Ms: latencyMs("Median latency of the integration, over requests that reached one"),
    integrationLatencyP90Ms: latencyMs("90th percentile of integration latency"),
    integrationLatencyP99Ms: latencyMs("99th percentile of integration latency"),
  })
  .meta({ id: "MetricPoint" });
export type MetricPoint = z.infer<typeof MetricPointSchema>;

export const TrafficTotalsSchema = z
  .object({
    count: z.number().int(),
    status4xx: z.number().int(),
    status5xx: z.number().int(),
    latencyP50Ms: latencyMs("Median total latency over the range"),
    latencyP99Ms: latencyMs("99th percentile of total latency over the range"),
  })
  .meta({ id: "TrafficTotals" });

export const TrafficGapSchema = z
  .object({
    node: z.string(),
    from: timestampSchema,
    to: timestampSchema,
    reason: z.enum(["restart", "ring"]).meta({
      description:
        "restart: the node restarted before these minutes were read; ring: the console was away longer than the node keeps minutes.",
    }),
  })
  .meta({ id: "TrafficGap" });

export const MetricsSchema = z
  .object({
    step: z.number().int(),
    from: timestampSchema,
    to: timestampSchema,
    series: z.array(MetricPointSchema).meta({ description: "One point per step from `from` to `to`, oldest first, empty steps as zeros." }),
    totals: TrafficTotalsSchema,
    gaps: z.array(TrafficGapSchema).meta({ description: "Minutes in the range some node served but the console could not collect." }),
  })
  .meta({ id: "Metrics" });
export type Metrics = z.infer<typeof MetricsSchema>;

export const TopItemSchema = z
  .object({
    key: z.string().nullable().meta({
      description:
        "The route (method and path, `GET /pets/{id}`) or the API key id; null: requests that matched no route, or without a key.",
    }),
    name: z.string().nullable().meta({ description: "The API key's name (by=apiKey), when it still exists." }),
    count: z.number().int(),
    status4xx: z.number().int(),
    status5xx: z.number().int(),
    latencyP50Ms: latencyMs("Median total latency"),
    latencyP99Ms: latencyMs("99th percentile of total latency"),
  })
  .meta({ id: "TopTrafficItem" });
export type TopItem = z.infer<typeof TopItemSchema>;

export const TopTrafficSchema = z
  .object({ by: z.enum(["route", "apiKey"]), from: timestampSchema, to: timestampSchema, items: z.array(TopItemSchema) })
  .meta({ id: "TopTraffic" });
export type TopTraffic = z.infer<typeof TopTrafficSchema>;

const statusFilterSchema = z
  .string()
  .regex(/^([1-5]xx|[1-5]\d\d)$/, "status must be a code (404) or a class (5xx)")
  .meta({ description: "A status code (404) or class (5xx)." });

export const requestsQuerySchema = withRange({
  status: statusFilterSchema.optional(),
  route: z.string().min(1).max(1024).optional(),
  method: z
    .string()
    .regex(/^[A-Za-z]{1,16}$/, "method must be an HTTP method such as GET")
    .transform((value) => value.toUpperCase())
    .optional(),
  apiKeyId: z.string().min(1).max(64).optional(),
  requestId: z.string().min(1).max(128).optional(),
  limit: limitSchema.default(50),
  cursor: cursorSchema.optional(),
});
export type RequestsQuery = z.infer<typeof requestsQuerySchema>;

export const RequestStepSchema = z
  .object({ name: z.string(), ms: z.number(), detail: z.string().optional() })
  .meta({ id: "RequestStep", description: "A pipeline step of the request (authorizer, throttle, integration, ...) and its time." });

export const RecordedRequestSchema = z
  .object({
    requestId: z.string(),
    at: timestampSchema,
    node: z.string().meta({ description: "The gateway node that served it." }),
    method: z.string(),
    path: z.string(),
    route: z
      .string()
      .nullable()
      .meta({ description: "The matched route, as method and path (`GET /pets/{id}`); null when no route matched." }),
    status: z.number().int(),
    latencyMs: z.number(),
    integrationLatencyMs: z.number().nullable(),
    apiKeyId: z.string().nullable(),
    reason: z.string().nullable().meta({ description: "Why the gateway refused or failed the request (a denial reason or error code)." }),
    steps: z.array(RequestStepSchema).nullable().meta({ description: "The pipeline steps, when the node recorded them." }),
  })
  .meta({ id: "RecordedRequest" });
export type RecordedRequest = z.infer<typeof RecordedRequestSchema>;

export const NodeSamplingSchema = z
  .object({
    node: z.string(),
    successRate: z.number().meta({ description: "Share (0..1) of successful requests the node records right now; errors are all kept." }),
    errorsKept: z.number().int(),
    successesKept: z.number().int(),
  })
  .meta({ id: "NodeSampling" });

export const UnansweredNodeSchema = z.object({ node: z.string(), error: z.string() }).meta({ id: "UnansweredNode" });

export const RecordedRequestPageSchema = z
  .object({
    items: z.array(RecordedRequestSchema),
    nextCursor: z.string().nullable(),
    sampling: z.array(NodeSamplingSchema).meta({ description: "What each node that answered keeps." }),
    unanswered: z.array(UnansweredNodeSchema).meta({ description: "Nodes that did not answer: their requests are missing from the page." }),
  })
  .meta({ id: "RecordedRequestPage" });
export type RecordedRequestPage = z.infer<typeof RecordedRequestPageSchema>;
