import "server-only";

import type { PushTarget } from "@/lib/deploy/push";
import { env } from "@/lib/env";
import { prisma, type Db } from "@/lib/server/db";

/** The token for a node's admin API: a registered node's own, else the one configured for GATEWAY_NODES. */
export function nodeAdminToken(node: { adminToken: string | null }): string {
  return node.adminToken ?? env.GATEWAY_ADMIN_TOKEN ?? "";
}

/** A registered node that has not sent a heartbeat for this long is skipped by pushes: it pulls the state when it comes back. */
export const REGISTERED_NODE_STALE_MS = 60_000;

/** `http://host:8081/` and `http://host:8081` are the same node. */
export function normalizeAdminUrl(url: string): string {
  return url.replace(/\/+$/, "");
}

/** Configured nodes are named after their admin address, which is what operators recognise. */
export function configNodeName(adminUrl: string): string {
  const url = new URL(adminUrl);
  return `node-${url.host}`.slice(0, 128);
}

/**
 * Makes sure every node named in GATEWAY_NODES has a row (source CONFIG), so
 * that push results and served hashes can be recorded against it. Cheap when
 * the rows exist: one query.
 */
export async function ensureConfiguredNodes(db: Db = prisma): Promise<void> {
  const urls = [...new Set(env.GATEWAY_NODES.map(normalizeAdminUrl))];
  if (urls.length === 0) return;
  const existing = await db.gatewayNode.findMany({ where: { adminUrl: { in: urls } }, select: { adminUrl: true } });
  const known = new Set(existing.map((node) => node.adminUrl));
  const missing = urls.filter((url) => !known.has(url));
  if (missing.length === 0) return;
  await db.gatewayNode.createMany({
    data: missing.map((adminUrl) => ({ adminUrl, name: configNodeName(adminUrl), source: "CONFIG" as const })),
    skipDuplicates: true,
  });
}

/**
 * The nodes a push goes to: every node configured in GATEWAY_NODES and every
 * approved registered node with a recent heartbeat.
 */
export async function listPushTargets(db: Db = prisma, now = Date.now()): Promise<PushTarget[]> {
  await ensureConfiguredNodes(db);
  const configured = env.GATEWAY_NODES.map(normalizeAdminUrl);
  const nodes = await db.gatewayNode.findMany({
    where: {
      OR: [
        { source: "CONFIG", adminUrl: { in: configured } },
        { source: "REGISTERED", approvedAt: { not: null }, lastSeenAt: { gte: new Date(now - REGISTERED_NODE_STALE_MS) } },
      ],
    },
    orderBy: { name: "asc" },
    select: { id: true, name: true, adminUrl: true, adminToken: true },
  });
  return nodes.map((node) => ({ nodeId: node.id, name: node.name, adminUrl: node.adminUrl, adminToken: nodeAdminToken(node) }));
}
