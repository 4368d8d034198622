/**
 * Runs autocannon in a process of its own (so it does not share an event
 * loop with any target) and prints `LOAD_JSON {...}`.
 * autocannon's histograms keep whole milliseconds, too coarse for a proxy's
 * added latency, so response times are also kept here in microseconds.
 * Usage: node --import tsx bench/lib/autocannon-child.ts '<LoadOptions JSON>'
 */
import autocannon from "autocannon";
import type { LoadOptions, LoadResult } from "./load";

const options = JSON.parse(process.argv[2] ?? "{}") as LoadOptions;
let samples = new Float64Array(1 << 16);
let count = 0;

let finish: (result: autocannon.Result) => void = () => {};
const finished = new Promise<autocannon.Result>((resolve) => (finish = resolve));
const instance = autocannon(
  {
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers,
    pipelining: 1,
    timeout: 5,
  },
  (error, result) => {
    if (error) throw error;
    finish(result);
  },
);
instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
  if (count === samples.length) {
    const bigger = new Float64Array(samples.length * 2);
    bigger.set(samples);
    samples = bigger;
  }
  samples[count++] = responseTimeMs * 1000;
});

const result = await finished;
const sorted = samples.subarray(0, count).sort();
const percentile = (p: number) => (count === 0 ? 0 : sorted[Math.min(count - 1, Math.floor((p / 100) * count))]);
const report: LoadResult = {
  requests: result.requests.total,
  rps: result.requests.total / (result.duration || options.seconds),
  p50us: Math.round(percentile(50)),
  p99us: Math.round(percentile(99)),
  errors: result.errors + result.timeouts,
  non2xx: result.non2xx,
};
console.log(`LOAD_JSON ${JSON.stringify(report)}`);
