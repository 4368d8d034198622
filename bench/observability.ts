/**
 * bench:observability: the CPU a request's recording costs the gateway, in
 * process and without HTTP, so the few microseconds are not lost in the
 * noise of a shared machine: trace headers for the integration, a stage's
 * access-log line (API Gateway's JSON preset), and the observer (per-minute
 * aggregates and the request buffer), each timed over the same finished
 * requests of a compiled 1,000-route stage, against the request object and
 * route metrics the gateway makes for every request anyway.
 *
 * Compare the sum with the gateway's CPU per request in bench:gateway (its
 * `observed` row is the same work end to end, over HTTP).
 *
 * Settings: BENCH_REQUESTS (default 500000 per round), BENCH_REPS (5).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseSnapshot } from "@/lib/contracts";
import { ACCESS_LOG_PRESETS } from "@/lib/contracts/access-log";
import { createAccessLog } from "@/gateway/access-log";
import { compileStage } from "@/gateway/compile/compile-stage";
import { resolveConfig } from "@/gateway/config";
import { silentLogger } from "@/gateway/logger";
import { createRequestObserver } from "@/gateway/observability";
import { appendTraceHeaders } from "@/gateway/observability/trace-context";
import { RequestContext, type CompiledRoute } from "@/gateway/pipeline";
import { memoryCompileEnv } from "@/test/support/gateway/compile-env";
import { BENCH_ADMIN_TOKEN, HOT_ROUTE_PATH, benchSnapshot } from "./lib/gateway-fixture";
import { runBenchmark } from "./lib/run";
import { envNumber, median, round, table } from "./lib/stats";

const REQUESTS = envNumber("BENCH_REQUESTS", 500_000);
const REPS = envNumber("BENCH_REPS", 5);

type Part = "baseline" | "trace" | "accessLog" | "observer";

function main(): Promise<void> {
  const input = benchSnapshot({ routes: 1000, upstreamOrigin: "http://127.0.0.1:9", deploymentId: "bench1" });
  input.accessLogSettings = { format: ACCESS_LOG_PRESETS.JSON };
  const parsed = parseSnapshot(input);
  if (!parsed.success) throw new Error(`The benchmark snapshot is invalid: ${parsed.error.message}`);
  const env = memoryCompileEnv();
  const stage = compileStage(parsed.data, "bench", env);
  const found = stage.primary.router.find("GET", HOT_ROUTE_PATH);
  if (found === null) throw new Error(`No route for ${HOT_ROUTE_PATH}`);
  const route: CompiledRoute = found.store;

  const config = resolveConfig({ adminToken: BENCH_ADMIN_TOKEN });
  const observer = createRequestObserver(config, { name: "bench", bootId: "bench" }, silentLogger);
  const accessLog = createAccessLog({ out: { write: () => true } as unknown as NodeJS.WritableStream });
  // What the gateway's handler reads of node:http's objects once a request is done.
  const req = {
    method: "GET",
    url: `/benchapi/prod${HOT_ROUTE_PATH}`,
    httpVersion: "1.1",
    headers: { host: "127.0.0.1:8080", "user-agent": "bench", "x-api-key": "k" },
    socket: { remoteAddress: "127.0.0.1" },
  } as unknown as IncomingMessage;
  const res = { getHeader: () => "63" } as unknown as ServerResponse;

  function round_(part: Part): number {
    const started = process.cpuUsage();
    for (let i = 0; i < REQUESTS; i++) {
      const ctx = new RequestContext(req, res, performance.now());
      ctx.stage = stage;
      ctx.deployment = stage.primary;
      ctx.route = route;
      ctx.path = HOT_ROUTE_PATH;
      ctx.remoteAddress = "127.0.0.1";
      ctx.upstreamMs = 0.25;
      const totalMs = 0.4 + (i % 7) * 0.05;
      route.metrics.countStatus(200);
      route.metrics.duration.observe(totalMs / 1000);
      if (part === "trace") appendTraceHeaders(ctx, []);
      else if (part === "accessLog") accessLog.write(ctx, 200, totalMs);
      else if (part === "observer") observer.requestEnded(ctx, route.metrics, 200, totalMs);
    }
    const used = process.cpuUsage(started);
    return (used.user + used.system) / REQUESTS;
  }

  const parts: Part[] = ["baseline", "trace", "accessLog", "observer"];
  for (const part of parts) round_(part);
  const samples = new Map<Part, number[]>(parts.map((part) => [part, []]));
  for (let rep = 0; rep < REPS; rep++) for (const part of parts) samples.get(part)?.push(round_(part));
  const us = (part: Part) => median(samples.get(part) ?? []);
  const added = {
    trace: round(us("trace") - us("baseline"), 3),
    accessLog: round(us("accessLog") - us("baseline"), 3),
    observer: round(us("observer") - us("baseline"), 3),
  };
  const total = round(added.trace + added.accessLog + added.observer, 3);
  console.log(
    table([
      ["work per request", "CPU µs (median)", "added µs"],
      ["request object + route metrics (baseline)", round(us("baseline"), 3), "-"],
      ["+ traceparent and x-amzn-trace-id", round(us("trace"), 3), added.trace],
      ["+ access-log line (JSON preset)", round(us("accessLog"), 3), added.accessLog],
      ["+ aggregates and request buffer", round(us("observer"), 3), added.observer],
    ]),
  );
  console.log(`recording adds ${total} µs per request; ${REQUESTS} requests per round, ${REPS} rounds.`);
  console.log(JSON.stringify({ bench: "observability", requests: REQUESTS, reps: REPS, addedUs: { ...added, total } }));
  return Promise.resolve();
}

await runBenchmark(main, []);
