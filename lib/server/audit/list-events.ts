import "server-only";

import { z } from "zod";

import type { AuditEventDto, ListAuditEventsQuery } from "@/lib/schemas/audit";
import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/schemas/common";
import { prisma, type Db, type Prisma } from "@/lib/server/db";
import { decodeCursor, encodeCursor } from "@/lib/server/pagination/cursor";

const cursorKeySchema = z.object({ id: z.string().regex(/^\d+$/) });

type AuditRow = Prisma.AuditEventGetPayload<object>;

function toAuditEventDto(row: AuditRow): AuditEventDto {
  const details = row.details;
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    actor: { type: row.actorType as AuditEventDto["actor"]["type"], id: row.actorId, name: row.actor },
    action: row.action,
    target: { type: row.targetType, id: row.targetId, name: row.targetName },
    apiId: row.apiId,
    changes: details !== null && typeof details === "object" && !Array.isArray(details) ? details : {},
    requestId: row.requestId,
    ip: row.ip,
    userAgent: row.userAgent,
  };
}

/**
 * Audit events, newest first (ids only grow, so they order the trail), with
 * filters. `onlyUserId` limits a non-admin to what they (or their tokens) did.
 */
export async function listAuditEvents(
  { query, onlyUserId }: { query: ListAuditEventsQuery; onlyUserId?: string },
  db: Db = prisma,
): Promise<Page<AuditEventDto>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const and: Prisma.AuditEventWhereInput[] = [];
  if (onlyUserId !== undefined) {
    const tokenIds = (await db.apiToken.findMany({ where: { userId: onlyUserId }, select: { id: true } })).map((token) => token.id);
    and.push({
      OR: [
        { actorType: "user", actorId: onlyUserId },
        { actorType: "token", actorId: { in: tokenIds } },
      ],
    });
  }
  if (query.actor) and.push({ OR: [{ actorId: query.actor }, { actor: { contains: query.actor, mode: "insensitive" } }] });
  if (query.action) and.push(query.action.includes(".") ? { action: query.action } : { action: { startsWith: `${query.action}.` } });
  if (query.targetType) and.push({ targetType: query.targetType });
  if (query.targetId) and.push({ targetId: query.targetId });
  if (query.apiId) and.push({ apiId: query.apiId });
  if (query.since) and.push({ at: { gte: new Date(query.since) } });
  if (query.until) and.push({ at: { lt: new Date(query.until) } });
  if (query.cursor) and.push({ id: { lt: BigInt(decodeCursor(cursorKeySchema, query.cursor).id) } });
  const rows = await db.auditEvent.findMany({ where: { AND: and }, orderBy: { id: "desc" }, take: limit + 1 });
  const items = rows.slice(0, limit).map(toAuditEventDto);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null };
}
