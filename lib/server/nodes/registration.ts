import "server-only";

import { createHash, timingSafeEqual } from "node:crypto";

import { env } from "@/lib/env";
import { conflict, forbidden, notFound, unauthorized } from "@/lib/errors/api-error";
import type { Actor } from "@/lib/schemas/audit";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";

import { isAllowedAdminUrl } from "./admin-url-policy";
import { normalizeAdminUrl } from "./list-push-targets";

/** How often a registered node should report; a node silent for REGISTERED_NODE_STALE_MS stops receiving pushes. */
export const HEARTBEAT_INTERVAL_MS = 10_000;

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/**
 * Checks `Authorization: Bearer <GATEWAY_REGISTRATION_TOKEN>`. Digests are
 * compared in constant time so the answer time says nothing about how much
 * of a guess was right. Without a configured token, registration is off and
 * the endpoints look absent.
 */
export function assertRegistrationToken(request: Request): void {
  const expected = env.GATEWAY_REGISTRATION_TOKEN;
  if (expected === undefined) throw notFound("Node registration is off: set GATEWAY_REGISTRATION_TOKEN on the console to enable it");
  const header = request.headers.get("authorization") ?? "";
  const presented = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
  if (!timingSafeEqual(digest(presented), digest(expected))) {
    throw unauthorized("Send the registration token as 'Authorization: Bearer <GATEWAY_REGISTRATION_TOKEN>'", [
      { path: "authorization", message: "missing or wrong registration token" },
    ]);
  }
}

/**
 * Registers (or re-registers) a node by name. Its admin URL must match
 * GATEWAY_ALLOWED_ADMIN_URLS (loopback by default), and it sends its own admin
 * token, which the console presents to it alone: the registration token
 * never leads to another node's secret. A new node, or one that moved to
 * another address, waits for an admin's approval unless GATEWAY_AUTO_APPROVE
 * is set. A node whose admin URL is configured in GATEWAY_NODES keeps its
 * configured row.
 */
export async function registerNode(
  { name, adminUrl, adminToken }: { name: string; adminUrl: string; adminToken: string },
  db: Db = prisma,
): Promise<{ id: string; name: string; approved: boolean }> {
  const url = normalizeAdminUrl(adminUrl);
  if (!isAllowedAdminUrl(url, env.GATEWAY_ALLOWED_ADMIN_URLS)) {
    throw forbidden(
      `The admin URL ${url} is not allowed for registering nodes; add a pattern for it to GATEWAY_ALLOWED_ADMIN_URLS on the console (only loopback is allowed by default)`,
      [{ path: "adminUrl", message: "not allowed by GATEWAY_ALLOWED_ADMIN_URLS" }],
    );
  }
  const now = new Date();
  const byUrl = await db.gatewayNode.findUnique({ where: { adminUrl: url } });
  if (byUrl !== null && byUrl.source === "CONFIG") {
    const node = await db.gatewayNode.update({ where: { id: byUrl.id }, data: { lastSeenAt: now, lastError: null } });
    return { id: node.id, name: node.name, approved: true };
  }
  const approvedAt = env.GATEWAY_AUTO_APPROVE ? now : null;
  const existing = await db.gatewayNode.findUnique({ where: { name } });
  if (existing !== null && existing.source === "CONFIG") {
    throw conflict(`The name ${name} belongs to a node configured in GATEWAY_NODES; start this node with another GATEWAY_NODE_NAME`);
  }
  // The same node at the same address keeps its approval; a new address is a new decision.
  const keepsApproval = existing !== null && existing.adminUrl === url && existing.approvedAt !== null;
  const node = await db.gatewayNode.upsert({
    where: { name },
    create: { name, adminUrl: url, adminToken, source: "REGISTERED", lastSeenAt: now, approvedAt },
    update: { adminUrl: url, adminToken, lastSeenAt: now, lastError: null, approvedAt: keepsApproval ? existing.approvedAt : approvedAt },
  });
  if (existing === null || existing.adminUrl !== url) {
    await recordEvent(
      {
        actor: nodeActor(node),
        action: "node.register",
        targetType: "node",
        targetId: node.id,
        targetName: node.name,
        apiId: null,
        details: { adminUrl: url, approved: node.approvedAt !== null },
      },
      db,
    );
  }
  return { id: node.id, name: node.name, approved: node.approvedAt !== null };
}

/** An admin lets a registered node serve: it is pushed to and may pull the state. */
export async function approveNode({ nodeId, actor }: { nodeId: string; actor: Actor }, db: Db = prisma): Promise<void> {
  const node = await db.gatewayNode.findUnique({ where: { id: nodeId } });
  if (node === null) throw notFound(`No gateway node has the id ${nodeId}`);
  if (node.source === "CONFIG") throw conflict(`${node.name} is configured in GATEWAY_NODES and needs no approval`);
  if (node.approvedAt !== null) return;
  await db.gatewayNode.update({ where: { id: nodeId }, data: { approvedAt: new Date() } });
  await recordEvent(
    {
      actor,
      action: "node.approve",
      targetType: "node",
      targetId: node.id,
      targetName: node.name,
      apiId: null,
      details: { adminUrl: node.adminUrl },
    },
    db,
  );
}

/** Removes a registered node with its admin token; if it registers again, it waits for approval again. */
export async function deleteNode({ nodeId, actor }: { nodeId: string; actor: Actor }, db: Db = prisma): Promise<void> {
  const node = await db.gatewayNode.findUnique({ where: { id: nodeId } });
  if (node === null) throw notFound(`No gateway node has the id ${nodeId}`);
  if (node.source === "CONFIG") throw conflict(`${node.name} is configured in GATEWAY_NODES; remove it there and restart the console`);
  await db.gatewayNode.delete({ where: { id: nodeId } });
  await recordEvent(
    {
      actor,
      action: "node.delete",
      targetType: "node",
      targetId: node.id,
      targetName: node.name,
      apiId: null,
      details: { adminUrl: node.adminUrl },
    },
    db,
  );
}

/** A node may pull the state once approved (configured nodes always may). */
export async function assertNodeMayPull(nodeId: string | null, db: Db = prisma): Promise<void> {
  if (!nodeId) throw forbidden("Send this node's id (from its registration) in the x-portico-node-id header");
  const node = await db.gatewayNode.findUnique({ where: { id: nodeId }, select: { source: true, approvedAt: true, name: true } });
  if (node === null) throw notFound(`No gateway node has the id ${nodeId}; register again with POST /api/v1/gateway/register`);
  if (node.source === "REGISTERED" && node.approvedAt === null) {
    throw forbidden(`The node ${node.name} awaits an admin's approval (Gateway nodes page) before it may serve`);
  }
}

function nodeActor(node: { id: string; name: string }): Actor {
  return { type: "node", id: node.id, name: node.name, role: "viewer", requestId: "", ip: "", userAgent: "" };
}

/** Marks a node alive and records what it says it serves. */
export async function recordHeartbeat(
  { nodeId, served }: { nodeId: string; served?: Record<string, string> },
  db: Db = prisma,
): Promise<void> {
  const updated = await db.gatewayNode.updateMany({
    where: { id: nodeId },
    data: { lastSeenAt: new Date(), lastError: null, ...(served === undefined ? {} : { served }) },
  });
  if (updated.count === 0) throw notFound(`No gateway node has the id ${nodeId}; register again with POST /api/v1/gateway/register`);
}
