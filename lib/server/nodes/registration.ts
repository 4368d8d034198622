import "server-only";

import { createHash, timingSafeEqual } from "node:crypto";

import { env } from "@/lib/env";
import { notFound, unauthorized } from "@/lib/errors/api-error";
import type { Actor } from "@/lib/schemas/audit";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";

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

/** Registers (or re-registers) a node by name; a node whose admin URL is already configured keeps its configured row. */
export async function registerNode({ name, adminUrl }: { name: string; adminUrl: string }, db: Db = prisma): Promise<{ id: string; name: string }> {
  const url = normalizeAdminUrl(adminUrl);
  const now = new Date();
  const byUrl = await db.gatewayNode.findUnique({ where: { adminUrl: url } });
  if (byUrl !== null) {
    const node = await db.gatewayNode.update({ where: { id: byUrl.id }, data: { lastSeenAt: now, lastError: null } });
    return { id: node.id, name: node.name };
  }
  const node = await db.gatewayNode.upsert({
    where: { name },
    create: { name, adminUrl: url, source: "REGISTERED", lastSeenAt: now },
    update: { adminUrl: url, source: "REGISTERED", lastSeenAt: now, lastError: null },
  });
  await recordEvent({ actor: nodeActor(node), action: "node.register", targetType: "node", targetId: node.id, apiId: null, details: { adminUrl: url } }, db);
  return { id: node.id, name: node.name };
}

function nodeActor(node: { id: string; name: string }): Actor {
  return { type: "node", id: node.id, name: node.name, role: "viewer", requestId: "", ip: "", userAgent: "" };
}

/** Marks a node alive and records what it says it serves. */
export async function recordHeartbeat({ nodeId, served }: { nodeId: string; served?: Record<string, string> }, db: Db = prisma): Promise<void> {
  const updated = await db.gatewayNode.updateMany({
    where: { id: nodeId },
    data: { lastSeenAt: new Date(), lastError: null, ...(served === undefined ? {} : { served }) },
  });
  if (updated.count === 0) throw notFound(`No gateway node has the id ${nodeId}; register again with POST /api/v1/gateway/register`);
}
