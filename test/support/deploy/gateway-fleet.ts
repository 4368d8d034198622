import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { TEST_ADMIN_TOKEN } from "@/test/support/gateway/admin-client";
import { spawnGateway, type GatewayProcess } from "@/test/support/gateway/gateway-process";
import { env } from "@/lib/env";

/** Real gateway processes for deploy tests, registered with the console's env as its configured nodes. */
export type Fleet = { nodes: GatewayProcess[]; dataDirs: string[]; close(): Promise<void> };

export async function startFleet(count: number, extraEnv: Record<string, string> = {}): Promise<Fleet> {
  const dataDirs = await Promise.all(Array.from({ length: count }, () => mkdtemp(join(tmpdir(), "portico-deploy-test-"))));
  const nodes = await Promise.all(dataDirs.map((dataDir) => spawnGateway({ dataDir, env: extraEnv })));
  env.GATEWAY_NODES = nodes.map((node) => node.adminUrl);
  env.GATEWAY_ADMIN_TOKEN = TEST_ADMIN_TOKEN;
  const first = nodes[0];
  if (first !== undefined) env.PUBLIC_GATEWAY_URL = first.proxyUrl.replace(/\/+$/, "");
  return {
    nodes,
    dataDirs,
    async close() {
      await Promise.all(nodes.map((node) => node.stop()));
      await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

/**
 * How long a fleet test waits for a node. Generous: a gateway process
 * starting, registering and pulling on a loaded two-core CI machine has been
 * seen to take more than 10 s.
 */
export const NODE_WAIT_MS = 45_000;
