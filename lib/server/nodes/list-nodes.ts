import "server-only";

import { z } from "zod";

import { env } from "@/lib/env";
import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/schemas/common";
import type { GatewayNodeDto } from "@/lib/schemas/node";
import { prisma, type Db } from "@/lib/server/db";
import { decodeCursor, encodeCursor, takePage } from "@/lib/server/pagination/cursor";

import { loadExpectedState } from "./expected-state";
import { ensureConfiguredNodes, nodeAdminToken, normalizeAdminUrl } from "./list-push-targets";

const PROBE_TIMEOUT_MS = 2_000;

const nodeStateSchema = z.object({
  stages: z.array(z.object({ apiId: z.string(), stage: z.string(), hash: z.string() })),
  consumers: z.object({ hash: z.string() }).nullable(),
});
type NodeState = z.infer<typeof nodeStateSchema>;

/** Asks a node what it serves (GET /v1/state on its admin API). */
async function probeNode(adminUrl: string, adminToken: string): Promise<{ ok: true; state: NodeState } | { ok: false; error: string }> {
  try {
    const response = await fetch(`${normalizeAdminUrl(adminUrl)}/v1/state`, {
      headers: { authorization: `Bearer ${adminToken}` },
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    if (response.status === 401)
      return {
        ok: false,
        error:
          "the node refused its admin token (GATEWAY_ADMIN_TOKEN for configured nodes; a registered node's own token changes when it registers again)",
      };
    if (!response.ok) return { ok: false, error: `the node answered ${response.status}` };
    return { ok: true, state: nodeStateSchema.parse(await response.json()) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { ok: false, error: `unreachable (${cause?.code ?? (error as Error).name})` };
  }
}

function servedFromState(state: NodeState): Record<string, string> {
  const served: Record<string, string> = {};
  for (const stage of state.stages) served[`${stage.apiId}/${stage.stage}`] = stage.hash;
  if (state.consumers !== null) served.consumers = state.consumers.hash;
  return served;
}

const nodeCursorSchema = z.object({ name: z.string() });

/**
 * The nodes the console knows, by name (unique), each compared with what it
 * should serve. With `probe`, each node of the page is asked now (and its
 * answer recorded); without, the hashes recorded at the last push, heartbeat
 * or probe are used.
 */
export async function listNodes(
  { probe, cursor, limit = DEFAULT_PAGE_SIZE }: { probe: boolean; cursor?: string; limit?: number },
  db: Db = prisma,
): Promise<Page<GatewayNodeDto>> {
  await ensureConfiguredNodes(db);
  const configured = env.GATEWAY_NODES.map(normalizeAdminUrl);
  const after = cursor ? decodeCursor(nodeCursorSchema, cursor) : undefined;
  const [rows, expected] = await Promise.all([
    db.gatewayNode.findMany({
      where: {
        OR: [{ source: "CONFIG", adminUrl: { in: configured } }, { source: "REGISTERED" }],
        name: after ? { gt: after.name } : undefined,
      },
      orderBy: { name: "asc" },
      take: limit + 1,
    }),
    loadExpectedState(db),
  ]);
  const page = takePage(rows, limit);
  const items = await Promise.all(
    page.items.map(async (node) => {
      let served = z.record(z.string(), z.string()).catch({}).parse(node.served);
      let reachable = node.lastError === null && node.lastSeenAt !== null;
      let lastError = node.lastError;
      let lastSeenAt = node.lastSeenAt;
      if (probe) {
        const answer = await probeNode(node.adminUrl, nodeAdminToken(node));
        reachable = answer.ok;
        if (answer.ok) {
          served = servedFromState(answer.state);
          lastError = null;
          lastSeenAt = new Date();
          await db.gatewayNode.update({ where: { id: node.id }, data: { served, lastError: null, lastSeenAt } });
        } else {
          lastError = answer.error;
          await db.gatewayNode.update({ where: { id: node.id }, data: { lastError: answer.error.slice(0, 2048) } });
        }
      }
      const stages = expected.stages.map((snapshot) => {
        const servedHash = served[`${snapshot.apiId}/${snapshot.stage}`] ?? null;
        return {
          apiId: snapshot.apiId,
          stage: snapshot.stage,
          expectedHash: snapshot.hash ?? null,
          servedHash,
          inSync: servedHash === snapshot.hash,
        };
      });
      const expectedConsumers =
        expected.consumers.usagePlans.length === 0 && expected.consumers.apiKeys.length === 0 && served.consumers === undefined
          ? null
          : (expected.consumers.hash ?? null);
      const consumers = {
        expectedHash: expectedConsumers,
        servedHash: served.consumers ?? null,
        inSync: expectedConsumers === null || served.consumers === expectedConsumers,
      };
      return {
        id: node.id,
        name: node.name,
        adminUrl: node.adminUrl,
        source: node.source,
        approved: node.source === "CONFIG" || node.approvedAt !== null,
        lastSeenAt: lastSeenAt?.toISOString() ?? null,
        lastError,
        reachable,
        stale: !reachable || stages.some((stage) => !stage.inSync) || !consumers.inSync,
        stages,
        consumers,
      };
    }),
  );
  return { items, nextCursor: page.hasMore && page.last ? encodeCursor({ name: page.last.name }) : null };
}
