import "server-only";

import { forbidden, notFound } from "@/lib/errors/api-error";
import { oneTimeCodeFormat } from "@/lib/keys/console-token-format";
import { hashSecret } from "@/lib/keys/secret-format";
import type { SetupBody, UserDto } from "@/lib/schemas/auth";
import { SYSTEM_ACTOR } from "@/lib/schemas/audit";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db, type Tx } from "@/lib/server/db";
import { toUserDto } from "@/lib/server/users/serialize-user";
import { inTransaction } from "@/lib/server/transaction";

import { hashPassword } from "./passwords";
import { emailKeyOf } from "./sign-in";

// First run: with no user in the database, the console cannot be used until
// someone proves they can read the machine's data folder (the setup code is
// written there) or the operator names the first admin in the environment.

export async function hasUsers(db: Db = prisma): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/**
 * A fresh one-time setup code when no user exists (replacing any earlier
 * one), or null when setup is done. Only its hash is stored.
 */
export async function issueSetupCode(db: Db = prisma): Promise<string | null> {
  return inTransaction(db, async (tx) => {
    await lockSetup(tx);
    if ((await tx.user.count()) > 0) {
      await tx.setupCode.deleteMany({});
      return null;
    }
    const code = oneTimeCodeFormat.generate();
    await tx.setupCode.upsert({
      where: { id: 1 },
      create: { id: 1, codeHash: hashSecret(code) },
      update: { codeHash: hashSecret(code), createdAt: new Date() },
    });
    return code;
  });
}

// Setup and the headless admin serialize on one advisory lock, so two
// requests racing with the same code cannot both create an admin.
async function lockSetup(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('portico:first-run'))`;
}

async function createFirstAdmin(
  { email, name, password, method }: { email: string; name: string; password: string; method: "setup" | "environment" },
  tx: Tx,
): Promise<UserDto> {
  const user = await tx.user.create({
    data: { email, emailKey: emailKeyOf(email), name, role: "admin", passwordHash: await hashPassword(password) },
  });
  await tx.setupCode.deleteMany({});
  await recordEvent(
    {
      actor: SYSTEM_ACTOR,
      action: "setup.complete",
      targetType: "user",
      targetId: user.id,
      targetName: user.email,
      apiId: null,
      details: { method, email },
    },
    tx,
  );
  return toUserDto(user);
}

/** Creates the first admin with the one-time code; the code is dead afterwards. */
export async function completeSetup({ input }: { input: SetupBody }, db: Db = prisma): Promise<UserDto> {
  // Hash before taking the lock: argon2 takes tens of milliseconds.
  return inTransaction(db, async (tx) => {
    await lockSetup(tx);
    if ((await tx.user.count()) > 0) throw forbidden("Portico is set up already; sign in, or ask an admin to invite you");
    const stored = await tx.setupCode.findUnique({ where: { id: 1 } });
    if (stored === null || stored.codeHash !== hashSecret(input.code)) {
      throw notFound(
        "This setup code is wrong or used; restart Portico to get a new one (it is printed and written to <data dir>/setup-code)",
        [{ path: "code", message: "wrong or used" }],
      );
    }
    return createFirstAdmin({ email: input.email, name: input.name, password: input.password, method: "setup" }, tx);
  });
}

/** PORTICO_ADMIN_EMAIL + PORTICO_ADMIN_PASSWORD: the first admin, created at start when there is no user. */
export async function ensureEnvironmentAdmin(
  { email, password }: { email: string; password: string },
  db: Db = prisma,
): Promise<UserDto | null> {
  return inTransaction(db, async (tx) => {
    await lockSetup(tx);
    if ((await tx.user.count()) > 0) return null;
    return createFirstAdmin({ email, name: "", password, method: "environment" }, tx);
  });
}
