import { Counter, Gauge, Registry, collectDefaultMetrics, type Metric } from "prom-client";
import type { RouteAggregates } from "./observability/aggregates";

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const BUCKET_LABELS = [...LATENCY_BUCKETS.map(String), "+Inf"];

type RouteLabels = { api: string; stage: string; route: string };

/** Bucket counts, sum and count of one histogram series, kept as plain numbers. */
class HistogramSeries {
  /** Per bucket (not cumulative); the last slot is +Inf. */
  readonly counts = new Float64Array(LATENCY_BUCKETS.length + 1);
  sum = 0;
  count = 0;

  observe(seconds: number): void {
    let i = 0;
    while (i < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[i]) i++;
    this.counts[i] = this.counts[i] + 1;
    this.sum += seconds;
    this.count += 1;
  }
}

/**
 * Per-route request statistics. Hot path: a request adds to plain numbers
 * here; label sets are built only when Prometheus scrapes, not per request
 * as prom-client's labelled metrics would.
 */
export class RouteMetrics {
  readonly statuses = new Map<number, number>();
  readonly duration = new HistogramSeries();
  readonly upstreamDuration = new HistogramSeries();
  readonly upstreamErrors = new Map<string, number>();
  /** The route's per-minute aggregate series, attached on its first request (observability/observer.ts). */
  aggregates: RouteAggregates | null = null;

  constructor(readonly labels: RouteLabels) {}

  countStatus(status: number): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  countUpstreamError(kind: string): void {
    this.upstreamErrors.set(kind, (this.upstreamErrors.get(kind) ?? 0) + 1);
  }
}

interface MetricValue {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

/** A metric read from the route statistics at scrape time, in prom-client's registry format. */
function scrapedMetric(name: string, help: string, type: "counter" | "histogram", read: () => MetricValue[]): Metric {
  const metric = {
    name,
    help,
    type,
    aggregator: "sum",
    get: () => Promise.resolve({ name, help, type, aggregator: "sum", values: read() }),
  };
  return metric as unknown as Metric;
}

function histogramValues(name: string, all: Iterable<RouteMetrics>, pick: (route: RouteMetrics) => HistogramSeries): MetricValue[] {
  const values: MetricValue[] = [];
  for (const route of all) {
    const series = pick(route);
    if (series.count === 0) continue;
    let cumulative = 0;
    for (let i = 0; i < series.counts.length; i++) {
      cumulative += series.counts[i];
      values.push({ metricName: `${name}_bucket`, labels: { le: BUCKET_LABELS[i], ...route.labels }, value: cumulative });
    }
    values.push({ metricName: `${name}_sum`, labels: route.labels, value: series.sum });
    values.push({ metricName: `${name}_count`, labels: route.labels, value: series.count });
  }
  return values;
}

/** One counter series per route and value of `label` (a status, an error kind). */
function counterValues<K extends string | number>(
  all: Iterable<RouteMetrics>,
  label: string,
  pick: (route: RouteMetrics) => ReadonlyMap<K, number>,
): MetricValue[] {
  const values: MetricValue[] = [];
  for (const route of all) {
    for (const [key, count] of pick(route)) values.push({ labels: { ...route.labels, [label]: key }, value: count });
  }
  return values;
}

/** The gateway's Prometheus registry (served on the admin port at /metrics). */
export class GatewayMetrics {
  readonly registry = new Registry();
  /** Route statistics by api, stage and route (`GET /pets/{id}`); kept across snapshot swaps so counters never go back. */
  private readonly routes = new Map<string, RouteMetrics>();
  private inFlightCount = 0;

  readonly configUpdates = new Counter({
    name: "portico_config_updates_total",
    help: "Admin pushes of snapshots and consumers documents, by kind and outcome (applied, unchanged, invalid, failed, deleted).",
    labelNames: ["kind", "outcome"] as const,
    registers: [this.registry],
  });
  /** Refusals by their denial reason (jwt.expired, key.missing, throttle.key, ...); only refused requests count. */
  readonly denials = new Counter({
    name: "portico_denials_total",
    help: "Requests the gateway refused, by API, stage and denial reason (the access log's denialReason).",
    labelNames: ["api", "stage", "reason"] as const,
    registers: [this.registry],
  });
  readonly stages = new Gauge({
    name: "portico_stages",
    help: "API stages currently served.",
    registers: [this.registry],
  });

  constructor() {
    const routes = (): Iterable<RouteMetrics> => this.routes.values();
    this.registry.registerMetric(
      scrapedMetric(
        "portico_requests_total",
        "Requests handled by the proxy, by API, stage, route (method and path; empty: no route matched) and response status (499: client closed first).",
        "counter",
        () => counterValues(routes(), "status", (route) => route.statuses),
      ),
    );
    this.registry.registerMetric(
      scrapedMetric(
        "portico_request_duration_seconds",
        "Time from request received to response finished, gateway work and upstream included.",
        "histogram",
        () => histogramValues("portico_request_duration_seconds", routes(), (route) => route.duration),
      ),
    );
    this.registry.registerMetric(
      scrapedMetric(
        "portico_upstream_duration_seconds",
        "Time from sending the request upstream to the upstream's response headers.",
        "histogram",
        () => histogramValues("portico_upstream_duration_seconds", routes(), (route) => route.upstreamDuration),
      ),
    );
    this.registry.registerMetric(
      scrapedMetric(
        "portico_upstream_errors_total",
        "Upstream failures by kind: timeout (504), refused, reset, dns or other (502).",
        "counter",
        () => counterValues(routes(), "kind", (route) => route.upstreamErrors),
      ),
    );
    const inFlight = (): number => this.inFlightCount;
    new Gauge({
      name: "portico_requests_in_flight",
      help: "Proxy requests received and not yet answered.",
      registers: [this.registry],
      collect() {
        this.set(inFlight());
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: "portico_process_" });
  }

  /** A counter kept elsewhere as a plain number, read at scrape time. */
  registerCounter(name: string, help: string, read: () => number): void {
    this.registry.registerMetric(scrapedMetric(name, help, "counter", () => [{ labels: {}, value: read() }]));
  }

  /** The statistics of one route (created on first use, shared by every snapshot that has the route). */
  route(labels: RouteLabels): RouteMetrics {
    const key = `${labels.api}\u0000${labels.stage}\u0000${labels.route}`;
    let route = this.routes.get(key);
    if (route === undefined) {
      route = new RouteMetrics(labels);
      this.routes.set(key, route);
    }
    return route;
  }

  requestStarted(): void {
    this.inFlightCount += 1;
  }

  requestEnded(): void {
    this.inFlightCount -= 1;
  }
}
