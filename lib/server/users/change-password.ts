import "server-only";

import { ApiError } from "@/lib/errors/api-error";
import type { ChangePasswordBody } from "@/lib/schemas/auth";
import type { Actor } from "@/lib/schemas/audit";
import { hashPassword, verifyPassword } from "@/lib/server/auth/passwords";
import { deleteUserSessions } from "@/lib/server/auth/sessions";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

/** Changes the caller's own password after checking the current one; their other sessions end. */
export async function changeOwnPassword(
  { input, actor, keepSessionId }: { input: ChangePasswordBody; actor: Actor; keepSessionId?: string },
  db: Db = prisma,
): Promise<void> {
  const userId = actor.userId;
  if (!userId) throw new ApiError("forbidden", "Only a signed-in user can change their password");
  const user = await db.user.findUnique({ where: { id: userId } });
  if (user === null || user.passwordHash === null || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new ApiError("validation_failed", "The current password is wrong", [{ path: "currentPassword", message: "wrong password" }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(db, async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await deleteUserSessions({ userId, except: keepSessionId }, tx);
    await recordEvent({ actor, action: "user.password", targetType: "user", targetId: userId, targetName: user.email, apiId: null }, tx);
  });
}
