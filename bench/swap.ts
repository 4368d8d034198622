/**
 * Config swap benchmark: pushing a 5,000-route snapshot to a gateway that is
 * serving traffic. Measures the admin PUT (validate, compile, swap, persist)
 * and, when the gateway exports its compiler, the compile step alone; checks
 * that no request fails while the live config is swapped under load.
 *
 *   npm run bench:swap
 *   BENCH_SECONDS=10 BENCH_SWAPS=10 BENCH_SWAP_ROUTES=5000 npm run bench:swap
 *
 * Ends with one JSON line; exits non-zero when a request failed or a swap
 * took longer than the goal.
 */
import { BENCH_API_ID, BENCH_API_KEY, BENCH_STAGE, HOT_ROUTE_PATH, adminPut, benchConsumers, benchSnapshot } from "./lib/gateway-fixture";
import { startGatewayTarget } from "./lib/gateway-target";
import { chooseLoader, runLoad } from "./lib/load";
import { freePort } from "./lib/net";
import { findNginx, startNginxUpstream } from "./lib/nginx";
import { cpuSeconds, spawnReady, tsNodeArgs } from "./lib/processes";
import { envNumber, median, round } from "./lib/stats";
import { measureCompile } from "./lib/compile-timing";

const SECONDS = envNumber("BENCH_SECONDS", 10);
const SWAPS = Math.round(envNumber("BENCH_SWAPS", 10));
const ROUTES = Math.round(envNumber("BENCH_SWAP_ROUTES", 5000));
const CONNECTIONS = Math.round(envNumber("BENCH_CONNECTIONS", 50));
const GOAL_MS = 100;

const cleanups: (() => Promise<void>)[] = [];

async function startUpstream(): Promise<number> {
  const port = await freePort();
  const nginx = findNginx();
  if (nginx !== null) {
    const upstream = await startNginxUpstream(nginx, port);
    cleanups.push(upstream.stop);
  } else {
    const upstream = await spawnReady(process.execPath, tsNodeArgs("bench/targets/upstream.ts", [String(port)]));
    cleanups.push(upstream.stop);
  }
  return port;
}

async function main(): Promise<boolean> {
  const loader = chooseLoader();
  const upstreamOrigin = `http://127.0.0.1:${await startUpstream()}`;
  const gateway = await startGatewayTarget();
  cleanups.push(gateway.stop);
  const stagePath = `/v1/apis/${BENCH_API_ID}/stages/${BENCH_STAGE}`;
  const snapshot = (n: number) => benchSnapshot({ routes: ROUTES, upstreamOrigin, deploymentId: `swap${n}`, variant: n % 2 === 0 ? "a" : "b" });

  await adminPut(gateway.adminUrl, "/v1/consumers", benchConsumers());
  const firstMs = await adminPut(gateway.adminUrl, stagePath, snapshot(0));
  const url = new URL(`/${BENCH_API_ID}/${BENCH_STAGE}${HOT_ROUTE_PATH}`, gateway.proxyUrl).toString();
  const probe = await fetch(url, { headers: { "x-api-key": BENCH_API_KEY } });
  await probe.text();
  if (probe.status !== 200) throw new Error(`The hot route answered ${probe.status} before any swap; fix the gateway or the fixture first.`);

  const compile = await measureCompile(snapshot(1));

  // Swaps with no traffic first: the cost of the swap itself, without competing requests.
  // CPU time of the gateway process too: on a shared machine, wall time also counts waiting for a core.
  const idleMs: number[] = [];
  const idleCpuMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const cpuBefore = cpuSeconds(gateway.pid) ?? 0;
    idleMs.push(await adminPut(gateway.adminUrl, stagePath, snapshot(1000 + i)));
    idleCpuMs.push(((cpuSeconds(gateway.pid) ?? 0) - cpuBefore) * 1000);
  }

  console.log(
    `Swapping a ${ROUTES}-route snapshot ${SWAPS} times while ${loader} (own process, ${CONNECTIONS} connections) calls a route present in both, for ${SECONDS}s.`,
  );
  const load = runLoad(loader, { url, connections: CONNECTIONS, seconds: SECONDS, headers: { "x-api-key": BENCH_API_KEY } });
  // Spread the swaps over the middle of the run, with traffic before and after.
  const spacingMs = (SECONDS * 1000 * 0.8) / SWAPS;
  const putMs: number[] = [];
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 100));
  for (let i = 1; i <= SWAPS; i++) {
    const started = Date.now();
    putMs.push(await adminPut(gateway.adminUrl, stagePath, snapshot(i)));
    const wait = spacingMs - (Date.now() - started);
    if (wait > 0 && i < SWAPS) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const traffic = await load;

  const sorted = [...putMs].sort((a, b) => a - b);
  const putSummary = { first: round(firstMs, 1), p50: round(median(putMs), 1), max: round(sorted[sorted.length - 1] ?? 0, 1) };
  const ok = traffic.errors === 0 && traffic.non2xx === 0 && putSummary.max < GOAL_MS;

  console.log(`admin PUT of ${ROUTES} routes (validate + compile + swap + persist) under load: p50 ${putSummary.p50} ms, max ${putSummary.max} ms (goal < ${GOAL_MS} ms)`);
  console.log(
    `the same without traffic: p50 ${round(median(idleMs), 1)} ms of ${idleMs.length} (gateway CPU ${round(median(idleCpuMs), 1)} ms per PUT); the very first load: ${putSummary.first} ms`,
  );
  console.log(
    `in this process, p50 of ${compile.runs} runs: validate ${round(compile.validate.p50, 1)} ms, hash ${round(compile.hash.p50, 1)} ms, ` +
      `compile ${round(compile.compile.p50, 1)} ms (max ${round(compile.compile.max, 1)} ms), ` +
      `recompile with every route unchanged ${round(compile.recompile.p50, 1)} ms`,
  );
  const best = compile.validate.min + compile.hash.min + compile.compile.min;
  console.log(
    `best runs: validate ${round(compile.validate.min, 1)} + hash ${round(compile.hash.min, 1)} + compile ${round(compile.compile.min, 1)} = ${round(best, 1)} ms ` +
      `(recompile unchanged ${round(compile.recompile.min, 1)} ms)`,
  );
  console.log(
    `traffic during swaps: ${traffic.requests} requests, ${Math.round(traffic.rps)} req/s, p99 ${traffic.p99us} µs, errors ${traffic.errors}, non-2xx ${traffic.non2xx}`,
  );
  console.log(ok ? "result: no request failed and every swap met the goal" : "result: FAILED (see errors, non-2xx and max above)");
  console.log(
    JSON.stringify({
      bench: "swap",
      loader,
      routes: ROUTES,
      swaps: SWAPS,
      putMs: putSummary,
      idlePutMs: round(median(idleMs), 1),
      idlePutCpuMs: round(median(idleCpuMs), 1),
      compileMs: { p50: round(compile.compile.p50, 1), max: round(compile.compile.max, 1) },
      recompileUnchangedMs: round(compile.recompile.p50, 1),
      bestInProcessMs: { validate: round(compile.validate.min, 1), hash: round(compile.hash.min, 1), compile: round(compile.compile.min, 1) },
      validateMs: round(compile.validate.p50, 1),
      hashMs: round(compile.hash.p50, 1),
      load: { seconds: SECONDS, connections: CONNECTIONS, requests: traffic.requests, rps: Math.round(traffic.rps), p99us: traffic.p99us, errors: traffic.errors, non2xx: traffic.non2xx },
      goalMs: GOAL_MS,
      ok,
    }),
  );
  return ok;
}

async function cleanup(): Promise<void> {
  await Promise.allSettled(cleanups.reverse().map((stop) => stop()));
}

process.once("SIGINT", () => {
  cleanup().finally(() => process.exit(130));
});

try {
  const ok = await main();
  if (!ok) process.exitCode = 1;
} catch (error) {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  console.error(error instanceof Error ? `${error.message}${cause}` : error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
