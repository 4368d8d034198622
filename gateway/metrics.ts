import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Per-route metric handles, created when a snapshot is compiled. Children
 * for each status are cached here so a request does not rebuild label sets.
 */
export class RouteMetrics {
  private readonly byStatus = new Map<number, Counter.Internal>();
  readonly duration: Histogram.Internal<"api" | "stage" | "route">;
  readonly upstreamDuration: Histogram.Internal<"api" | "stage" | "route">;

  constructor(
    private readonly metrics: GatewayMetrics,
    readonly labels: { api: string; stage: string; route: string },
  ) {
    this.duration = metrics.requestDuration.labels(labels);
    this.upstreamDuration = metrics.upstreamDuration.labels(labels);
  }

  countStatus(status: number): void {
    let child = this.byStatus.get(status);
    if (child === undefined) {
      child = this.metrics.requests.labels({ ...this.labels, status: String(status) });
      this.byStatus.set(status, child);
    }
    child.inc();
  }

  countUpstreamError(kind: string): void {
    this.metrics.upstreamErrors.inc({ ...this.labels, kind });
  }
}

/** The gateway's Prometheus registry (served on the admin port at /metrics). */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: "portico_requests_total",
    help: "Requests handled by the proxy, by API, stage, route id and response status.",
    labelNames: ["api", "stage", "route", "status"] as const,
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: "portico_request_duration_seconds",
    help: "Time from request received to response finished, gateway work and upstream included.",
    labelNames: ["api", "stage", "route"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly upstreamDuration = new Histogram({
    name: "portico_upstream_duration_seconds",
    help: "Time from sending the request upstream to the upstream's response headers.",
    labelNames: ["api", "stage", "route"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly upstreamErrors = new Counter({
    name: "portico_upstream_errors_total",
    help: "Upstream failures by kind: timeout (504), refused, reset or other (502).",
    labelNames: ["api", "stage", "route", "kind"] as const,
    registers: [this.registry],
  });
  readonly configUpdates = new Counter({
    name: "portico_config_updates_total",
    help: "Admin pushes of snapshots and consumers documents, by kind and outcome (applied, unchanged, invalid, failed, deleted).",
    labelNames: ["kind", "outcome"] as const,
    registers: [this.registry],
  });
  readonly stages = new Gauge({
    name: "portico_stages",
    help: "API stages currently served.",
    registers: [this.registry],
  });
  readonly inFlight = new Gauge({
    name: "portico_requests_in_flight",
    help: "Proxy requests received and not yet answered.",
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "portico_process_" });
  }
}
