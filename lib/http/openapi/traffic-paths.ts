import type { ZodOpenApiPathsObject } from "zod-openapi";

import {
  apiTrafficParamsSchema,
  metricsQuerySchema,
  MetricsSchema,
  RecordedRequestPageSchema,
  requestsQuerySchema,
  stageTrafficParamsSchema,
  topQuerySchema,
  TopTrafficSchema,
} from "@/lib/schemas/traffic";

import { errors, ok } from "./responses";

// The traffic of stages and APIs: metrics collected from the gateway nodes
// into the database, and the recent requests read from the nodes on demand.

const metricsDescription =
  "Requests, 4xx, 5xx and latency percentiles (total and integration) per step, from the per-minute aggregates the console collects from every gateway node (per hour after 48 hours, kept METRICS_RETENTION_DAYS days). Percentiles come from the nodes' merged histograms. Requests that matched no route count on their stage. The range is `from` inclusive to `to` exclusive (by default the last hour), widened to whole steps.";

export const trafficPaths: ZodOpenApiPathsObject = {
  "/apis/{apiId}/stages/{stageName}/metrics": {
    get: {
      operationId: "getStageMetrics",
      tags: ["Traffic"],
      summary: "A stage's traffic per step",
      description: metricsDescription,
      requestParams: { path: stageTrafficParamsSchema, query: metricsQuerySchema },
      responses: { ...ok("200", "The series and their totals.", MetricsSchema), ...errors("404", "422") },
    },
  },
  "/apis/{apiId}/stages/{stageName}/metrics/top": {
    get: {
      operationId: "getStageTopTraffic",
      tags: ["Traffic"],
      summary: "A stage's busiest routes or API keys over a range",
      requestParams: { path: stageTrafficParamsSchema, query: topQuerySchema },
      responses: { ...ok("200", "The busiest first.", TopTrafficSchema), ...errors("404", "422") },
    },
  },
  "/apis/{apiId}/metrics": {
    get: {
      operationId: "getApiMetrics",
      tags: ["Traffic"],
      summary: "An API's traffic per step, over all its stages",
      description: metricsDescription,
      requestParams: { path: apiTrafficParamsSchema, query: metricsQuerySchema },
      responses: { ...ok("200", "The series and their totals.", MetricsSchema), ...errors("404", "422") },
    },
  },
  "/apis/{apiId}/metrics/top": {
    get: {
      operationId: "getApiTopTraffic",
      tags: ["Traffic"],
      summary: "An API's busiest routes or API keys over a range, over all its stages",
      requestParams: { path: apiTrafficParamsSchema, query: topQuerySchema },
      responses: { ...ok("200", "The busiest first.", TopTrafficSchema), ...errors("404", "422") },
    },
  },
  "/apis/{apiId}/stages/{stageName}/requests": {
    get: {
      operationId: "listStageRequests",
      tags: ["Traffic"],
      summary: "A stage's recent requests, read now from every gateway node, newest first",
      description:
        "Each node keeps its recent requests in a bounded buffer: every error, and a sample of successes under load (`sampling` says how much, per node). Nodes that do not answer are listed in `unanswered`. Filter by time, status (code or class), route, method, API key or request id; without `from`, a search by `requestId` covers everything the nodes still hold.",
      requestParams: { path: stageTrafficParamsSchema, query: requestsQuerySchema },
      responses: { ...ok("200", "A page of requests.", RecordedRequestPageSchema), ...errors("404", "422") },
    },
  },
};
