/**
 * Counter-store benchmark: the cost of one token-bucket take and one quota
 * count in the memory store (on the hot path of every throttled request),
 * and, when REDIS_URL is set, the Redis store's latency and throughput.
 *
 *   npm run bench:stores
 *   REDIS_URL=redis://127.0.0.1:6379 BENCH_SECONDS=3 npm run bench:stores
 *
 * Ends with one JSON line.
 */
import { randomUUID } from "node:crypto";
import { MemoryCounterStore } from "@/gateway/stores/memory";
import { RedisCounterStore } from "@/gateway/stores/redis";
import { envNumber, round } from "./lib/stats";

const SECONDS = envNumber("BENCH_SECONDS", 3);
const KEYS = Array.from({ length: 1000 }, (_, i) => `tb:benchapi:prod:key${i}`);

function memoryNsPerOp(op: (store: MemoryCounterStore, key: string, now: number) => boolean): number {
  const store = new MemoryCounterStore();
  const ops = 2_000_000;
  let best = Number.POSITIVE_INFINITY;
  let sink = 0;
  // Best of five: the first rounds include JIT compilation.
  for (let round = 0; round < 5; round++) {
    const now = Date.now();
    const started = process.hrtime.bigint();
    for (let i = 0; i < ops; i++) if (op(store, KEYS[i % KEYS.length], now + (i >> 12))) sink++;
    best = Math.min(best, Number(process.hrtime.bigint() - started) / ops);
  }
  if (sink === 0) throw new Error("every operation was refused; the benchmark measured nothing useful");
  return best;
}

async function redisFigures(url: string, concurrency: number) {
  const store = new RedisCounterStore({ url, keyPrefix: `portico-bench:${randomUUID()}:`, timeoutMs: 1000 });
  if (!(await store.ready(5000))) throw new Error(`Redis at ${url} did not answer within 5 s.`);
  const latencies: number[] = [];
  let refused = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const worker = async (w: number) => {
    for (let i = 0; performance.now() < deadline; i++) {
      const started = performance.now();
      const result = await store.takeToken(KEYS[(w * 7919 + i) % KEYS.length], 1_000_000, 1_000_000, Date.now());
      latencies.push((performance.now() - started) * 1000);
      if (!result.allowed) refused++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - started) / 1000;
  await store.client.eval(
    "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end",
    0,
    `${store.client.options.keyPrefix}*`,
  );
  await store.close();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0);
  return { concurrency, opsPerSecond: Math.round(latencies.length / elapsed), p50us: at(50), p99us: at(99), refused };
}

const memory = {
  takeTokenNs: round(
    memoryNsPerOp((store, key, now) => store.takeToken(key, 1_000_000, 1_000_000, now).allowed),
    1,
  ),
  consumeQuotaNs: round(
    memoryNsPerOp((store, key, now) => store.consumeQuota(key, 2_000_000_000, "MONTH", now).allowed),
    1,
  ),
};
console.log(`memory store, 1,000 keys: takeToken ${memory.takeTokenNs} ns/op, consumeQuota ${memory.consumeQuotaNs} ns/op`);

let redis: Awaited<ReturnType<typeof redisFigures>>[] | null = null;
const url = process.env.REDIS_URL;
if (url) {
  redis = [await redisFigures(url, 1), await redisFigures(url, 50)];
  for (const r of redis) {
    console.log(`redis store takeToken, ${r.concurrency} in flight: ${r.opsPerSecond} ops/s, p50 ${r.p50us} µs, p99 ${r.p99us} µs`);
  }
} else {
  console.log("redis store: skipped (set REDIS_URL to measure it)");
}
console.log(JSON.stringify({ bench: "stores", memory, redis }));
