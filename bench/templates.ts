/**
 * bench:templates: what a route with a request and a response mapping
 * template costs the gateway, against an `http_proxy` route to the same
 * upstream, in the same gateway process and the same run. The figure is CPU
 * per request (the gateway process's user + system time from /proc divided
 * by the requests it served), the most stable measure on a shared machine.
 * Goal: ≤ 2 × the proxy route's.
 *
 * Settings: BENCH_SECONDS (default 8), BENCH_REPS (3), BENCH_CONNECTIONS (20),
 * BENCH_ONLY=mapped|proxy to load one route only (with BENCH_CPU_PROF=<dir> to profile it).
 */
import type { RouteInput } from "@/lib/contracts";
import { adminPut, BENCH_API_ID, BENCH_STAGE } from "./lib/gateway-fixture";
import { startGatewayTarget } from "./lib/gateway-target";
import { chooseLoader, runLoad } from "./lib/load";
import { freePort } from "./lib/net";
import { cpuSeconds, spawnReady, tsNodeArgs } from "./lib/processes";
import { runBenchmark } from "./lib/run";
import { envNumber, median, round, table } from "./lib/stats";

const SECONDS = envNumber("BENCH_SECONDS", 8);
const REPS = envNumber("BENCH_REPS", 3);
const CONNECTIONS = envNumber("BENCH_CONNECTIONS", 20);
const GOAL = 2;
const cleanups: (() => Promise<void>)[] = [];

/** A PetStore-style pair: the request body reshaped for the backend, the backend's JSON reshaped for the client. */
const REQUEST_TEMPLATE = `#set($item = $input.path('$'))
{
  "name": "$util.escapeJavaScript($input.params('name'))",
  "requestId": "$context.requestId",
  "stage": "$context.stage"
}`;
const RESPONSE_TEMPLATE = `#set($item = $input.path('$'))
{
  "id": "$item.id",
  "title": "$util.escapeJavaScript($item.name)",
  "price": $item.price,
  "available": $item.inStock
}`;

function routes(upstream: string): RouteInput[] {
  return [
    { id: "proxy", method: "GET", path: "/proxy/items", integration: { type: "http_proxy", uri: `${upstream}/items` } },
    {
      id: "mapped",
      method: "GET",
      path: "/mapped/items",
      integration: {
        type: "http",
        method: "POST",
        uri: `${upstream}/items`,
        requestParameters: { "integration.request.header.x-item-name": "method.request.querystring.name" },
        requestTemplates: { "application/json": REQUEST_TEMPLATE },
        responses: [
          {
            selectionPattern: null,
            statusCode: 200,
            responseParameters: { "method.response.header.X-Item": "integration.response.body.id" },
            responseTemplates: { "application/json": RESPONSE_TEMPLATE },
          },
        ],
      },
    },
  ];
}

async function main(): Promise<boolean> {
  const loader = chooseLoader();
  const upstreamPort = await freePort();
  const upstream = await spawnReady(process.execPath, tsNodeArgs("bench/targets/upstream.ts", [String(upstreamPort)]));
  cleanups.push(upstream.stop);
  const gateway = await startGatewayTarget();
  cleanups.push(gateway.stop);
  await adminPut(gateway.adminUrl, `/v1/apis/${BENCH_API_ID}/stages/${BENCH_STAGE}`, {
    version: 1,
    apiId: BENCH_API_ID,
    stage: BENCH_STAGE,
    deploymentId: "bench-templates",
    createdAt: new Date().toISOString(),
    api: { name: "bench templates" },
    routes: routes(`http://127.0.0.1:${upstreamPort}`),
  });
  const base = `${gateway.proxyUrl}/${BENCH_API_ID}/${BENCH_STAGE}`;
  const probe = await fetch(`${base}/mapped/items?name=widget`);
  const probeBody = await probe.text();
  if (probe.status !== 200 || !probeBody.includes('"title": "widget"')) {
    throw new Error(`the template route answered ${probe.status}: ${probeBody.slice(0, 300)}`);
  }
  const urls = { proxy: `${base}/proxy/items`, mapped: `${base}/mapped/items?name=widget` };
  const samples: Record<"proxy" | "mapped", { rps: number[]; cpuUs: number[] }> = {
    proxy: { rps: [], cpuUs: [] },
    mapped: { rps: [], cpuUs: [] },
  };
  if (process.env.BENCH_ONLY === undefined) {
    for (const name of ["proxy", "mapped"] as const) await runLoad(loader, { url: urls[name], connections: CONNECTIONS, seconds: 2 });
  }
  for (let rep = 0; rep < REPS; rep++) {
    // Alternating order, so neither route always runs on a warmer or a busier machine.
    const order = rep % 2 === 0 ? (["proxy", "mapped"] as const) : (["mapped", "proxy"] as const);
    for (const name of order) {
      // BENCH_ONLY=mapped|proxy loads one route (to profile it with BENCH_CPU_PROF).
      if (process.env.BENCH_ONLY !== undefined && process.env.BENCH_ONLY !== name) continue;
      const before = cpuSeconds(gateway.pid);
      const result = await runLoad(loader, { url: urls[name], connections: CONNECTIONS, seconds: SECONDS });
      const after = cpuSeconds(gateway.pid);
      if (result.errors > 0 || result.non2xx > 0) throw new Error(`${name}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
      samples[name].rps.push(result.rps);
      if (before !== null && after !== null && result.requests > 0) samples[name].cpuUs.push(((after - before) * 1e6) / result.requests);
    }
  }
  const cpu = { proxy: median(samples.proxy.cpuUs), mapped: median(samples.mapped.cpuUs) };
  const rps = { proxy: median(samples.proxy.rps), mapped: median(samples.mapped.rps) };
  const ratio = samples.proxy.cpuUs.length > 0 && samples.mapped.cpuUs.length > 0 ? round(cpu.mapped / cpu.proxy, 2) : null;
  console.log(`bench:templates (${loader}, ${CONNECTIONS} connections, ${REPS} × ${SECONDS} s per route)\n`);
  console.log(
    table([
      ["route", "req/s", "CPU µs/req", "CPU µs/req per round"],
      ["http_proxy", round(rps.proxy), round(cpu.proxy, 1), samples.proxy.cpuUs.map((v) => round(v, 1)).join(" ")],
      ["request + response template", round(rps.mapped), round(cpu.mapped, 1), samples.mapped.cpuUs.map((v) => round(v, 1)).join(" ")],
    ]),
  );
  const met = ratio !== null && ratio <= GOAL;
  console.log(
    `\ntemplate route CPU per request / http_proxy's: ${ratio ?? "-"} (goal <= ${GOAL}: ${ratio === null ? "not measured" : met ? "met" : "NOT met"})`,
  );
  console.log(
    JSON.stringify({
      bench: "templates",
      loader,
      connections: CONNECTIONS,
      rps: { proxy: round(rps.proxy), mapped: round(rps.mapped) },
      cpuUsPerRequest: { proxy: round(cpu.proxy, 1), mapped: round(cpu.mapped, 1) },
      ratio: { cpuMappedVsProxy: ratio },
      goals: { cpuMappedVsProxy: GOAL },
      met: { cpuMappedVsProxy: ratio === null ? null : met },
    }),
  );
  return true;
}

void runBenchmark(main, cleanups);
