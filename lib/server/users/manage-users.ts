import "server-only";

import { z } from "zod";

import { conflict, forbidden, notFound } from "@/lib/errors/api-error";
import { oneTimeCodeFormat } from "@/lib/keys/console-token-format";
import { hashSecret } from "@/lib/keys/secret-format";
import type { AcceptInvitationBody, CreateUserBody, Role, UpdateUserBody, UserDto } from "@/lib/schemas/auth";
import type { Actor } from "@/lib/schemas/audit";
import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/schemas/common";
import { hashPassword } from "@/lib/server/auth/passwords";
import { deleteUserSessions } from "@/lib/server/auth/sessions";
import { emailKeyOf } from "@/lib/server/auth/sign-in";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db, type Tx } from "@/lib/server/db";
import { decodeCursor, encodeCursor, takePage } from "@/lib/server/pagination/cursor";
import { inTransaction } from "@/lib/server/transaction";

import { toUserDto } from "./serialize-user";

export const INVITATION_DAYS = 7;

/** The URL an invited person opens to set their password; the code in it is shown only this once. */
export function invitationPath(code: string): string {
  return `/invitations/accept?code=${encodeURIComponent(code)}`;
}

const userCursorSchema = z.object({ emailKey: z.string() });

/** Users by email address (its lower-case key is unique). */
export async function listUsers(
  { cursor, limit = DEFAULT_PAGE_SIZE }: { cursor?: string; limit?: number } = {},
  db: Db = prisma,
): Promise<Page<UserDto>> {
  const after = cursor ? decodeCursor(userCursorSchema, cursor) : undefined;
  const rows = await db.user.findMany({
    where: { emailKey: after ? { gt: after.emailKey } : undefined },
    orderBy: [{ emailKey: "asc" }],
    take: limit + 1,
  });
  const page = takePage(rows, limit);
  return {
    items: page.items.map(toUserDto),
    nextCursor: page.hasMore && page.last ? encodeCursor({ emailKey: page.last.emailKey }) : null,
  };
}

async function findUserOrThrow(userId: string, db: Db) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (user === null) throw notFound(`There is no user ${userId}; list them with GET /api/v1/users`);
  return user;
}

/**
 * Invites a person: the user exists at once (so an admin can see and change
 * them) but cannot sign in until they open the one-time link, valid 7 days,
 * and set a password. No mail server is needed: the admin passes the link on.
 */
export async function inviteUser(
  { input, actor }: { input: CreateUserBody; actor: Actor },
  db: Db = prisma,
): Promise<{ user: UserDto; invitationPath: string }> {
  const code = oneTimeCodeFormat.generate();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  return inTransaction(db, async (tx) => {
    const emailKey = emailKeyOf(input.email);
    if ((await tx.user.findUnique({ where: { emailKey }, select: { id: true } })) !== null) {
      throw conflict(`A user with the email ${input.email} exists already; change their role instead`, [
        { path: "email", message: "already a user" },
      ]);
    }
    const user = await tx.user.create({
      data: {
        email: input.email,
        emailKey,
        name: input.name ?? "",
        role: input.role,
        invitationHash: hashSecret(code),
        invitationExpiresAt: expiresAt,
      },
    });
    await recordEvent(
      {
        actor,
        action: "user.invite",
        targetType: "user",
        targetId: user.id,
        targetName: user.email,
        apiId: null,
        details: { email: user.email, role: user.role, invitationExpiresAt: expiresAt.toISOString() },
      },
      tx,
    );
    return { user: toUserDto(user), invitationPath: invitationPath(code) };
  });
}

/** Makes a new invitation link for a user who has not accepted yet (the old link stops working). */
export async function reinviteUser(
  { userId, actor }: { userId: string; actor: Actor },
  db: Db = prisma,
): Promise<{ user: UserDto; invitationPath: string }> {
  const code = oneTimeCodeFormat.generate();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  return inTransaction(db, async (tx) => {
    const existing = await findUserOrThrow(userId, tx);
    if (existing.passwordHash !== null || existing.oidcSubject !== null) {
      throw conflict(`${existing.email} has accepted already; they can change their password themselves`);
    }
    const user = await tx.user.update({
      where: { id: userId },
      data: { invitationHash: hashSecret(code), invitationExpiresAt: expiresAt },
    });
    await recordEvent(
      {
        actor,
        action: "user.invite",
        targetType: "user",
        targetId: user.id,
        targetName: user.email,
        apiId: null,
        details: { email: user.email, again: true },
      },
      tx,
    );
    return { user: toUserDto(user), invitationPath: invitationPath(code) };
  });
}

/** The invited user's email and name, for the acceptance page; null when the code is unknown or expired. */
export async function findInvitation(code: string, db: Db = prisma): Promise<{ email: string; name: string } | null> {
  if (!oneTimeCodeFormat.isWellFormed(code)) return null;
  const user = await db.user.findUnique({ where: { invitationHash: hashSecret(code) } });
  if (user === null || user.invitationExpiresAt === null || user.invitationExpiresAt.getTime() <= Date.now() || user.disabled) return null;
  return { email: user.email, name: user.name };
}

/** Sets the invited user's password; the code is dead afterwards. Returns the user, who may now sign in. */
export async function acceptInvitation({ input }: { input: AcceptInvitationBody }, db: Db = prisma): Promise<UserDto> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const invitation = oneTimeCodeFormat.isWellFormed(input.code)
      ? await tx.user.findUnique({ where: { invitationHash: hashSecret(input.code) } })
      : null;
    if (
      invitation === null ||
      invitation.invitationExpiresAt === null ||
      invitation.invitationExpiresAt.getTime() <= Date.now() ||
      invitation.disabled
    ) {
      throw notFound("This invitation link is unknown, used or expired; ask an admin for a new one", [
        { path: "code", message: "unknown, used or expired" },
      ]);
    }
    const user = await tx.user.update({
      where: { id: invitation.id },
      data: { passwordHash, invitationHash: null, invitationExpiresAt: null, ...(input.name ? { name: input.name } : {}) },
    });
    await recordEvent(
      {
        actor: {
          type: "user",
          id: user.id,
          name: user.email,
          userId: user.id,
          role: user.role as Role,
          requestId: "",
          ip: "",
          userAgent: "",
        },
        action: "user.accept",
        targetType: "user",
        targetId: user.id,
        targetName: user.email,
        apiId: null,
      },
      tx,
    );
    return toUserDto(user);
  });
}

/** Refuses a change that would leave no enabled admin able to sign in. */
async function assertAnotherAdmin(userId: string, tx: Tx): Promise<void> {
  // Admin rows are locked so that two admins demoting each other at once cannot both succeed.
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "role" = 'admin' AND NOT "disabled" AND "invitationHash" IS NULL FOR UPDATE`;
  if (!admins.some((admin) => admin.id !== userId)) {
    throw conflict("This is the last admin: make another user admin first, so that someone can still manage Portico");
  }
}

/** Changes a user's role, name or disabled flag. Disabling or a role change ends their sessions at once. */
export async function updateUser(
  { userId, input, actor }: { userId: string; input: UpdateUserBody; actor: Actor },
  db: Db = prisma,
): Promise<UserDto> {
  return inTransaction(db, async (tx) => {
    const before = await findUserOrThrow(userId, tx);
    const demoting = before.role === "admin" && input.role !== undefined && input.role !== "admin";
    const disabling = input.disabled === true && !before.disabled;
    if (before.role === "admin" && (demoting || disabling)) await assertAnotherAdmin(userId, tx);
    const user = await tx.user.update({ where: { id: userId }, data: { role: input.role, disabled: input.disabled, name: input.name } });
    const changes: Record<string, { before: string | boolean; after: string | boolean }> = {};
    for (const field of ["role", "disabled", "name"] as const) {
      if (input[field] !== undefined && before[field] !== user[field]) changes[field] = { before: before[field], after: user[field] };
    }
    if (changes.role || changes.disabled) await deleteUserSessions({ userId }, tx);
    const action = changes.disabled ? (user.disabled ? "user.disable" : "user.enable") : "user.update";
    await recordEvent({ actor, action, targetType: "user", targetId: user.id, targetName: user.email, apiId: null, details: changes }, tx);
    return toUserDto(user);
  });
}

/** Deletes a user with their sessions and tokens. The last admin cannot be deleted, nor can you delete yourself. */
export async function deleteUser({ userId, actor }: { userId: string; actor: Actor }, db: Db = prisma): Promise<void> {
  if (actor.userId === userId) throw forbidden("You cannot delete yourself; ask another admin");
  await inTransaction(db, async (tx) => {
    const user = await findUserOrThrow(userId, tx);
    if (user.role === "admin") await assertAnotherAdmin(userId, tx);
    await tx.user.delete({ where: { id: userId } });
    await recordEvent(
      {
        actor,
        action: "user.delete",
        targetType: "user",
        targetId: user.id,
        targetName: user.email,
        apiId: null,
        details: { email: user.email, role: user.role },
      },
      tx,
    );
  });
}
