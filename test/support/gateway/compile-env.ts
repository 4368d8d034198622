import type { CompileEnv } from "@/gateway/compile/compile-stage";
import type { ConsumersRef } from "@/gateway/live-state";
import { UpstreamPools } from "@/gateway/integrations/pools";
import { LambdaInvoker } from "@/gateway/lambda/invoke";
import { silentLogger } from "@/gateway/logger";
import { GatewayMetrics } from "@/gateway/metrics";
import { MemoryCounterStore, createStoreErrorReporter } from "@/gateway/stores";

/** What compiling a snapshot needs, with counters in memory and store errors ignored: for tests and in-process benchmarks. */
export function memoryCompileEnv(
  options: {
    consumers?: ConsumersRef;
    pools?: UpstreamPools;
    metrics?: GatewayMetrics;
    maxBodyBytes?: number;
    lambda?: LambdaInvoker;
  } = {},
): CompileEnv {
  const lambda = options.lambda ?? new LambdaInvoker();
  return {
    plugins: {
      store: new MemoryCounterStore(),
      reporter: createStoreErrorReporter({ log: () => {} }),
      storeFailure: "open",
      consumers: options.consumers ?? { current: null },
      maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024,
      lambda,
    },
    pools: options.pools ?? new UpstreamPools(),
    metrics: options.metrics ?? new GatewayMetrics(),
    lambda,
    logger: silentLogger,
  };
}
