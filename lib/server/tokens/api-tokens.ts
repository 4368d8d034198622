import "server-only";

import { forbidden, notFound } from "@/lib/errors/api-error";
import { consoleTokenFormat } from "@/lib/keys/console-token-format";
import { hashSecret } from "@/lib/keys/secret-format";
import { lowerRole, roleAtLeast, type ApiTokenDto, type CreateTokenBody, type Role } from "@/lib/schemas/auth";
import type { Actor } from "@/lib/schemas/audit";
import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/schemas/common";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { afterNewestFirstCursor, NEWEST_FIRST, newestFirstCursor, takePage } from "@/lib/server/pagination/cursor";
import { inTransaction } from "@/lib/server/transaction";

const DEFAULT_EXPIRY_DAYS = 90;
// Last-used times are written at most this often: a busy CI token must not cost a write per call.
const TOUCH_INTERVAL_MS = 60_000;

type TokenRow = {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

function toApiTokenDto(row: TokenRow): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The user a session or token acts for. */
function userIdOf(actor: Actor): string {
  if (!actor.userId) throw forbidden("Only a signed-in user or their token can manage API tokens");
  return actor.userId;
}

/** Makes a token for the calling user, with a role no higher than theirs. The value is returned this once. */
export async function createApiToken(
  { input, actor }: { input: CreateTokenBody; actor: Actor },
  db: Db = prisma,
): Promise<ApiTokenDto & { value: string }> {
  const userId = userIdOf(actor);
  const role = input.role ?? actor.role;
  if (!roleAtLeast(actor.role, role)) {
    throw forbidden(`A token cannot have more rights than you: your role is ${actor.role}, so pick ${actor.role} or lower`);
  }
  const value = consoleTokenFormat.generate();
  const days = input.expiresInDays === undefined ? DEFAULT_EXPIRY_DAYS : input.expiresInDays;
  const expiresAt = days === null ? null : new Date(Date.now() + days * 86_400_000);
  return inTransaction(db, async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        userId,
        name: input.name,
        role,
        prefix: value.slice(0, consoleTokenFormat.displayPrefixLength),
        hash: hashSecret(value),
        expiresAt,
      },
    });
    await recordEvent(
      {
        actor,
        action: "token.create",
        targetType: "token",
        targetId: row.id,
        targetName: row.name,
        apiId: null,
        details: { name: row.name, role, prefix: row.prefix, expiresAt: expiresAt?.toISOString() ?? null },
      },
      tx,
    );
    return { ...toApiTokenDto(row), value };
  });
}

/** The calling user's tokens, newest first, revoked ones included (marked). */
export async function listApiTokens(
  { actor, cursor, limit = DEFAULT_PAGE_SIZE }: { actor: Actor; cursor?: string; limit?: number },
  db: Db = prisma,
): Promise<Page<ApiTokenDto>> {
  const rows = await db.apiToken.findMany({
    where: { AND: [{ userId: userIdOf(actor) }, ...(cursor ? [afterNewestFirstCursor(cursor)] : [])] },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
  });
  const page = takePage(rows, limit);
  return {
    items: page.items.map(toApiTokenDto),
    nextCursor: page.hasMore && page.last ? newestFirstCursor(page.last) : null,
  };
}

/** Revokes one of the caller's tokens (an admin may revoke anyone's). Revoking twice is harmless. */
export async function revokeApiToken({ tokenId, actor }: { tokenId: string; actor: Actor }, db: Db = prisma): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id: tokenId } });
    const mine = row !== null && row.userId === actor.userId;
    if (row === null || (!mine && actor.role !== "admin")) throw notFound(`There is no API token ${tokenId} of yours`);
    if (row.revokedAt !== null) return;
    await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await recordEvent(
      {
        actor,
        action: "token.revoke",
        targetType: "token",
        targetId: row.id,
        targetName: row.name,
        apiId: null,
        details: { name: row.name, prefix: row.prefix },
      },
      tx,
    );
  });
}

export type ResolvedToken = {
  tokenId: string;
  tokenName: string;
  role: Role;
  user: { id: string; email: string; name: string; role: Role };
};

/** The token and user behind a bearer value, or null when unknown, revoked, expired, or its user is disabled. */
export async function resolveApiToken(value: string, db: Db = prisma): Promise<ResolvedToken | null> {
  if (!consoleTokenFormat.isWellFormed(value)) return null;
  const row = await db.apiToken.findUnique({
    where: { hash: hashSecret(value) },
    include: { user: { select: { id: true, email: true, name: true, role: true, disabled: true } } },
  });
  if (row === null || row.revokedAt !== null || row.user.disabled) return null;
  const now = Date.now();
  if (row.expiresAt !== null && row.expiresAt.getTime() <= now) return null;
  if (row.lastUsedAt === null || now - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  const userRole = row.user.role as Role;
  return {
    tokenId: row.id,
    tokenName: row.name,
    role: lowerRole(row.role as Role, userRole),
    user: { id: row.user.id, email: row.user.email, name: row.user.name, role: userRole },
  };
}
