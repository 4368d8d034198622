/**
 * Data-plane benchmark: the gateway against nginx and fastify + reply-from,
 * all proxying to the same upstream over loopback, measured in the same run,
 * with a bare node:http + undici proxy beside them as the Node.js floor.
 *
 *   npm run bench:gateway
 *   BENCH_SECONDS=10 BENCH_REPS=3 BENCH_LOADER=wrk|autocannon npm run bench:gateway
 *   BENCH_STORE=redis REDIS_URL=redis://127.0.0.1:6379 npm run bench:gateway   (counters in Redis)
 *
 * Prints a table, the ratios the project tracks, and ends with one JSON line.
 * Compare ratios, not absolute numbers: the load generator, the upstream and
 * the proxy share the machine's cores.
 */
import { ACCESS_LOG_PRESETS } from "@/lib/contracts/access-log";
import { BENCH_API_ID, BENCH_API_KEY, BENCH_STAGE, HOT_ROUTE_PATH, adminPut, benchConsumers, benchSnapshot } from "./lib/gateway-fixture";
import { startGatewayTarget } from "./lib/gateway-target";
import { addJwtRoute, JWT_HOT_ROUTE_PATH, startBenchIssuer } from "./lib/jwt-route";
import { chooseLoader, runLoad } from "./lib/load";
import type { LoadResult } from "./lib/load";
import { freePort } from "./lib/net";
import { findNginx, startNginxProxy, startNginxUpstream } from "./lib/nginx";
import { builtNodeArgs, cpuSeconds, spawnReady, tsNodeArgs } from "./lib/processes";
import { envNumber, median, round, table } from "./lib/stats";
import { runBenchmark } from "./lib/run";
import { UPSTREAM_BODY } from "./lib/upstream-body";

type TargetName = "direct" | "nginx" | "fastify" | "node" | "gateway" | "redis" | "cluster" | "jwt" | "observed";

interface Target {
  name: TargetName;
  url: string;
  headers?: Record<string, string>;
  /** Process whose CPU time is charged to this target (the proxy, or the upstream for direct). */
  pid: number;
}

interface Sample extends LoadResult {
  cpuUsPerRequest: number | null;
}

const SECONDS = envNumber("BENCH_SECONDS", 10);
const REPS = Math.round(envNumber("BENCH_REPS", 3));
const WARMUP_SECONDS = envNumber("BENCH_WARMUP_SECONDS", 2);
const ROUTES = Math.round(envNumber("BENCH_ROUTES", 1000));
const CONNECTIONS = [50, 1] as const;
const GATEWAY_WORKERS = Math.round(envNumber("BENCH_GATEWAY_WORKERS", 1));
const TARGETS_WANTED = new Set(
  (process.env.BENCH_TARGETS ?? "direct,nginx,fastify,node,gateway,redis,jwt,observed").split(",").map((s) => s.trim()),
);

/** Goals on a 2-core machine (see the project's performance notes and bench/README.md). */
const GOALS = {
  nginxRatio: 0.5,
  fastifyRatio: 2,
  addedP50us: 150,
  jwtRatio: 0.9,
  floorRatio: 0.95,
  floorCpuRatio: 1.1,
  redisRatio: 0.9,
  observedCpuRatio: 1.05,
};

const cleanups: (() => Promise<void>)[] = [];
const notes: string[] = [];

async function checkTarget(target: Target): Promise<void> {
  const response = await fetch(target.url, { headers: target.headers });
  const body = await response.text();
  if (response.status !== 200 || body !== UPSTREAM_BODY) {
    throw new Error(
      `${target.name} answered ${response.status} with ${body.slice(0, 300)} instead of the upstream's body; not benchmarking it.`,
    );
  }
}

async function startUpstream(nginx: string | null): Promise<{ port: number; pid: number; kind: string }> {
  const port = await freePort();
  if (nginx !== null) {
    const upstream = await startNginxUpstream(nginx, port);
    cleanups.push(upstream.stop);
    return { port, pid: upstream.pid, kind: "nginx return 200" };
  }
  const upstream = await spawnReady(process.execPath, tsNodeArgs("bench/targets/upstream.ts", [String(port)]));
  cleanups.push(upstream.stop);
  return { port, pid: upstream.child.pid ?? 0, kind: "node:http" };
}

async function startTargets(upstreamPort: number, upstreamPid: number, nginx: string | null): Promise<Target[]> {
  const targets: Target[] = [];
  if (TARGETS_WANTED.has("direct")) {
    targets.push({ name: "direct", url: `http://127.0.0.1:${upstreamPort}${HOT_ROUTE_PATH}`, pid: upstreamPid });
  }
  if (TARGETS_WANTED.has("nginx")) {
    if (nginx === null) {
      notes.push("nginx is not installed (apt-get install -y nginx): its column is empty and ratio.nginx is null.");
    } else {
      const proxy = await startNginxProxy(nginx, await freePort(), upstreamPort);
      cleanups.push(proxy.stop);
      targets.push({ name: "nginx", url: `http://127.0.0.1:${proxy.port}${HOT_ROUTE_PATH}`, pid: proxy.pid });
    }
  }
  if (TARGETS_WANTED.has("fastify")) {
    const port = await freePort();
    const fastify = await spawnReady(
      process.execPath,
      await builtNodeArgs("bench/targets/fastify-proxy.ts", [String(port), String(upstreamPort)]),
      {
        env: { ...process.env, NODE_ENV: "production" },
      },
    );
    cleanups.push(fastify.stop);
    targets.push({ name: "fastify", url: `http://127.0.0.1:${port}${HOT_ROUTE_PATH}`, pid: fastify.child.pid ?? 0 });
  }
  if (TARGETS_WANTED.has("node")) {
    const port = await freePort();
    const node = await spawnReady(
      process.execPath,
      await builtNodeArgs("bench/targets/node-proxy.ts", [String(port), String(upstreamPort)]),
      {
        env: { ...process.env, NODE_ENV: "production" },
      },
    );
    cleanups.push(node.stop);
    targets.push({ name: "node", url: `http://127.0.0.1:${port}${HOT_ROUTE_PATH}`, pid: node.child.pid ?? 0 });
  }
  // The single-process gateway is always the one compared with nginx (one worker) and fastify (one process);
  // with BENCH_GATEWAY_WORKERS above 1 the cluster mode is measured beside it as "cluster".
  // "redis" is the single process again with its counters in Redis (REDIS_URL): against "gateway", what sharing counters costs.
  const gatewayTargets: [TargetName, number][] = [["gateway", 1]];
  if (TARGETS_WANTED.has("redis")) {
    if (process.env.REDIS_URL) gatewayTargets.push(["redis", 1]);
    else notes.push("REDIS_URL is not set: the redis row (counters in Redis) is empty and redis.ratio.memory is null.");
  }
  if (GATEWAY_WORKERS > 1) gatewayTargets.push(["cluster", GATEWAY_WORKERS]);
  // The same single process with its traffic recorded (aggregates, request buffer, a JSON access-log format to a file).
  if (TARGETS_WANTED.has("observed")) gatewayTargets.push(["observed", 1]);
  for (const [name, workers] of TARGETS_WANTED.has("gateway") ? gatewayTargets : []) {
    try {
      // A cluster shares its counters in Redis (the gateway refuses several workers without it).
      const store = workers > 1 || name === "redis" || process.env.BENCH_STORE === "redis" ? "redis" : "memory";
      const observe = name === "observed";
      const gateway = await startGatewayTarget({ workers, store, observe });
      cleanups.push(gateway.stop);
      const upstreamOrigin = `http://127.0.0.1:${upstreamPort}`;
      const snapshot = benchSnapshot({ routes: ROUTES, upstreamOrigin, deploymentId: "bench1" });
      if (observe) snapshot.accessLogSettings = { format: ACCESS_LOG_PRESETS.JSON };
      // The hot route once more behind a JWT authorizer, in the same process: "jwt" against "gateway" (its API key twin).
      const jwt = name === "gateway" && TARGETS_WANTED.has("jwt") ? await startBenchIssuer() : null;
      if (jwt !== null) {
        cleanups.push(jwt.close);
        addJwtRoute(snapshot, jwt.issuer, upstreamOrigin);
      }
      await adminPut(gateway.adminUrl, "/v1/consumers", benchConsumers());
      const ms = await adminPut(gateway.adminUrl, `/v1/apis/${BENCH_API_ID}/stages/${BENCH_STAGE}`, snapshot);
      notes.push(`${name}: ${ROUTES}-route snapshot with API keys and a usage-plan throttle loaded in ${ms.toFixed(1)} ms.`);
      if (workers > 1)
        notes.push(`cluster: GATEWAY_WORKERS=${workers} (node:cluster, counters in Redis); its CPU figure sums the primary and workers.`);
      targets.push({
        name,
        url: new URL(`/${BENCH_API_ID}/${BENCH_STAGE}${HOT_ROUTE_PATH}`, gateway.proxyUrl).toString(),
        headers: { "x-api-key": BENCH_API_KEY },
        pid: gateway.pid,
      });
      if (jwt !== null) {
        targets.push({
          name: "jwt",
          url: new URL(`/${BENCH_API_ID}/${BENCH_STAGE}${JWT_HOT_ROUTE_PATH}`, gateway.proxyUrl).toString(),
          headers: { authorization: `Bearer ${jwt.token}` },
          pid: gateway.pid,
        });
      }
    } catch (error) {
      notes.push(`${name} could not be benchmarked: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const target of targets) await checkTarget(target);
  return targets;
}

async function measure(loader: ReturnType<typeof chooseLoader>, target: Target, connections: number, seconds: number): Promise<Sample> {
  const cpuBefore = cpuSeconds(target.pid);
  const result = await runLoad(loader, { url: target.url, connections, seconds, headers: target.headers });
  const cpuAfter = cpuSeconds(target.pid);
  const cpuUsPerRequest =
    cpuBefore !== null && cpuAfter !== null && result.requests > 0 ? ((cpuAfter - cpuBefore) * 1e6) / result.requests : null;
  return { ...result, cpuUsPerRequest };
}

function summarise(samples: Sample[]) {
  return {
    rps: median(samples.map((s) => s.rps)),
    p50us: median(samples.map((s) => s.p50us)),
    p99us: median(samples.map((s) => s.p99us)),
    cpuUsPerRequest: samples.every((s) => s.cpuUsPerRequest !== null) ? median(samples.map((s) => s.cpuUsPerRequest ?? 0)) : null,
    errors: samples.reduce((n, s) => n + s.errors, 0),
    non2xx: samples.reduce((n, s) => n + s.non2xx, 0),
  };
}

async function main(): Promise<void> {
  const loader = chooseLoader();
  const nginx = findNginx();
  const upstream = await startUpstream(nginx);
  const targets = await startTargets(upstream.port, upstream.pid, nginx);

  console.log(
    `Load generator: ${loader} (1 thread), in its own process. Upstream: ${upstream.kind}. ` +
      `${SECONDS}s per run, ${REPS} interleaved repetition(s), connections ${CONNECTIONS.join(" and ")}.`,
  );
  for (const target of targets) await measure(loader, target, 50, WARMUP_SECONDS);

  const samples = new Map<string, Sample[]>();
  for (let rep = 0; rep < REPS; rep++) {
    // Rotate the order each repetition so no target always runs first or last.
    const order = targets.map((_, i) => targets[(i + rep) % targets.length]);
    for (const connections of CONNECTIONS) {
      for (const target of order) {
        const sample = await measure(loader, target, connections, SECONDS);
        const key = `${target.name}@${connections}`;
        samples.set(key, [...(samples.get(key) ?? []), sample]);
        console.error(
          `  rep ${rep + 1}/${REPS} ${key.padEnd(11)} ${Math.round(sample.rps).toString().padStart(7)} req/s  p50 ${sample.p50us} µs  p99 ${sample.p99us} µs`,
        );
      }
    }
  }

  const result = new Map<string, ReturnType<typeof summarise>>();
  for (const [key, list] of samples) result.set(key, summarise(list));
  const get = (name: TargetName, connections: number) => result.get(`${name}@${connections}`) ?? null;

  const rows: (string | number)[][] = [["target", "conns", "req/s", "p50 µs", "p99 µs", "CPU µs/req", "errors", "non-2xx"]];
  for (const connections of CONNECTIONS) {
    for (const target of targets) {
      const r = get(target.name, connections);
      if (r === null) continue;
      rows.push([
        target.name,
        connections,
        Math.round(r.rps),
        Math.round(r.p50us),
        Math.round(r.p99us),
        r.cpuUsPerRequest === null ? "-" : r.cpuUsPerRequest.toFixed(1),
        r.errors,
        r.non2xx,
      ]);
    }
  }
  console.log(`\n${table(rows)}\n(CPU µs/req is the proxy's own CPU; for direct it is the upstream's.)`);

  const rps = (name: TargetName) => get(name, 50)?.rps ?? null;
  const addedP50 = (name: TargetName) => {
    const proxied = get(name, 1);
    const direct = get("direct", 1);
    return proxied !== null && direct !== null ? proxied.p50us - direct.p50us : null;
  };
  const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? round(a / b, 3) : null);
  const ratios = { nginx: ratio(rps("gateway"), rps("nginx")), fastify: ratio(rps("gateway"), rps("fastify")) };
  // The bare Node.js proxy's ratios: the most any Node.js gateway could reach here.
  const cpuOf = (name: TargetName) => get(name, 50)?.cpuUsPerRequest ?? null;
  const floor = {
    nginx: ratio(rps("node"), rps("nginx")),
    fastify: ratio(rps("node"), rps("fastify")),
    gateway: ratio(rps("gateway"), rps("node")),
    /** The gateway's CPU per request ÷ the floor's (goal <= 1.1). */
    cpu: ratio(cpuOf("gateway"), cpuOf("node")),
  };
  // The single process with its counters in Redis against the same process with them in memory, same run.
  const redis = {
    ratio: { memory: ratio(rps("redis"), rps("gateway")) },
    cpuRatio: { memory: ratio(cpuOf("redis"), cpuOf("gateway")) },
  };
  const added = { nginx: addedP50("nginx"), fastify: addedP50("fastify"), gateway: addedP50("gateway") };
  // The same route with a JWT instead of an API key, in the same process and run.
  const jwtRatio = ratio(rps("jwt"), rps("gateway"));
  const cluster =
    GATEWAY_WORKERS > 1
      ? {
          workers: GATEWAY_WORKERS,
          ratio: {
            nginx: ratio(rps("cluster"), rps("nginx")),
            fastify: ratio(rps("cluster"), rps("fastify")),
            gateway: ratio(rps("cluster"), rps("gateway")),
          },
          addedP50us: addedP50("cluster"),
        }
      : null;
  // Requests per CPU-second relative to the gateway's: what the req/s ratio
  // would be if each proxy had a core to itself. Steadier than req/s when
  // other work shares the machine.
  const cpu = (name: TargetName) => get(name, 50)?.cpuUsPerRequest ?? null;
  const cpuRatios = { nginx: ratio(cpu("nginx"), cpu("gateway")), fastify: ratio(cpu("fastify"), cpu("gateway")) };
  // What recording the traffic costs: CPU per request with aggregates, request buffer and access log on, over without.
  const observed = { cpuRatio: ratio(cpu("observed"), cpu("gateway")), rpsRatio: ratio(rps("observed"), rps("gateway")) };

  const verdict = (value: number | null, ok: (v: number) => boolean) => (value === null ? "not measured" : ok(value) ? "met" : "MISSED");
  console.log(`
gateway / nginx   req/s at 50 conns: ${ratios.nginx ?? "-"}  (goal >= ${GOALS.nginxRatio}: ${verdict(ratios.nginx, (v) => v >= GOALS.nginxRatio)})
gateway / fastify req/s at 50 conns: ${ratios.fastify ?? "-"}  (goal >= ${GOALS.fastifyRatio}: ${verdict(ratios.fastify, (v) => v >= GOALS.fastifyRatio)})
added p50 over direct at 1 conn: nginx ${added.nginx ?? "-"} µs, fastify ${added.fastify ?? "-"} µs, gateway ${added.gateway ?? "-"} µs (goal <= ${GOALS.addedP50us}: ${verdict(added.gateway, (v) => v <= GOALS.addedP50us)})
requests per CPU-second, gateway relative to nginx: ${cpuRatios.nginx ?? "-"}, to fastify: ${cpuRatios.fastify ?? "-"} (the req/s ratios if each proxy had a core of its own)`);
  if (floor.gateway !== null) {
    console.log(
      `bare node:http + undici proxy (no gateway features), req/s at 50 conns: ${floor.nginx ?? "-"} x nginx, ${floor.fastify ?? "-"} x fastify; ` +
        `the gateway reaches ${floor.gateway} of it (goal >= ${GOALS.floorRatio}: ${verdict(floor.gateway, (v) => v >= GOALS.floorRatio)}), ` +
        `with ${floor.cpu ?? "-"} x its CPU per request (goal <= ${GOALS.floorCpuRatio}: ${verdict(floor.cpu, (v) => v <= GOALS.floorCpuRatio)})`,
    );
  }
  if (redis.ratio.memory !== null) {
    console.log(
      `counters in Redis / in memory, req/s at 50 conns: ${redis.ratio.memory} (goal >= ${GOALS.redisRatio}: ${verdict(redis.ratio.memory, (v) => v >= GOALS.redisRatio)}), CPU per request ${redis.cpuRatio.memory ?? "-"} x`,
    );
  }
  if (cluster !== null) {
    console.log(
      `cluster of ${cluster.workers} workers, req/s at 50 conns: ${cluster.ratio.nginx ?? "-"} x nginx, ${cluster.ratio.fastify ?? "-"} x fastify, ` +
        `${cluster.ratio.gateway ?? "-"} x the single process; added p50 at 1 conn ${cluster.addedP50us ?? "-"} µs`,
    );
  }
  console.log(
    `JWT route / API key route req/s at 50 conns: ${jwtRatio ?? "-"}  (goal >= ${GOALS.jwtRatio}: ${verdict(jwtRatio, (v) => v >= GOALS.jwtRatio)})`,
  );
  console.log(
    `recording traffic (aggregates, request buffer, access log), CPU per request over without: ${observed.cpuRatio ?? "-"} ` +
      `(goal <= ${GOALS.observedCpuRatio}: ${verdict(observed.cpuRatio, (v) => v <= GOALS.observedCpuRatio)}); req/s ratio ${observed.rpsRatio ?? "-"}`,
  );
  for (const note of notes) console.log(`note: ${note}`);

  const figures = (r: ReturnType<typeof summarise> | null) =>
    r === null
      ? null
      : {
          rps: Math.round(r.rps),
          p50us: r.p50us,
          p99us: r.p99us,
          cpuUsPerRequest: r.cpuUsPerRequest === null ? null : round(r.cpuUsPerRequest, 1),
        };
  const byTarget = <T>(pick: (name: TargetName) => T) =>
    Object.fromEntries(
      (
        [
          "direct",
          "nginx",
          "fastify",
          "node",
          "gateway",
          "redis",
          "jwt",
          "observed",
          ...(GATEWAY_WORKERS > 1 ? (["cluster"] as const) : []),
        ] as const
      ).map((name) => [name, pick(name)]),
    );
  const totalErrors = [...result.values()].reduce((n, r) => n + r.errors + r.non2xx, 0);
  console.log(
    JSON.stringify({
      bench: "gateway",
      loader,
      upstream: upstream.kind,
      store: process.env.BENCH_STORE === "redis" ? "redis" : "memory",
      gatewayWorkers: GATEWAY_WORKERS,
      seconds: SECONDS,
      reps: REPS,
      routes: ROUTES,
      /** req/s at 50 connections. */
      rps: byTarget((name) => (rps(name) === null ? null : Math.round(rps(name) ?? 0))),
      /** Medians per target at 50 and at 1 connection. */
      c50: byTarget((name) => figures(get(name, 50))),
      c1: byTarget((name) => figures(get(name, 1))),
      addedP50us: added,
      ratio: { ...ratios, jwtVsApiKey: jwtRatio },
      cpuRatio: cpuRatios,
      nodeFloor: floor,
      redis,
      cluster,
      observed,
      goals: {
        nginx: ratios.nginx === null ? null : ratios.nginx >= GOALS.nginxRatio,
        fastify: ratios.fastify === null ? null : ratios.fastify >= GOALS.fastifyRatio,
        addedP50us: added.gateway === null ? null : added.gateway <= GOALS.addedP50us,
        jwtVsApiKey: jwtRatio === null ? null : jwtRatio >= GOALS.jwtRatio,
        nodeFloor: floor.gateway === null ? null : floor.gateway >= GOALS.floorRatio,
        nodeFloorCpu: floor.cpu === null ? null : floor.cpu <= GOALS.floorCpuRatio,
        redisVsMemory: redis.ratio.memory === null ? null : redis.ratio.memory >= GOALS.redisRatio,
        observedCpuRatio: observed.cpuRatio === null ? null : observed.cpuRatio <= GOALS.observedCpuRatio,
      },
      errors: totalErrors,
    }),
  );
}

await runBenchmark(main, cleanups);
