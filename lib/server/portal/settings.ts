import "server-only";

import { env } from "@/lib/env";
import type { PortalSettingsDto, SignupMode, UpdatePortalSettingsBody } from "@/lib/schemas/portal";
import type { Actor } from "@/lib/schemas/audit";
import type { PortalSignupMode } from "@/lib/generated/prisma/enums";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

const TO_MODE: Record<PortalSignupMode, SignupMode> = { OPEN: "open", APPROVAL: "approval", INVITE: "invite" };
const FROM_MODE: Record<SignupMode, PortalSignupMode> = { open: "OPEN", approval: "APPROVAL", invite: "INVITE" };

const DEFAULTS = { name: "Developer portal", logoUrl: null, accentColor: "#18181b", intro: "", signupMode: null };

/** The portal's settings: the saved row, else the defaults; the sign-up mode falls back to PORTAL_SIGNUP until an admin picks one. */
export async function getPortalSettings(db: Db = prisma): Promise<PortalSettingsDto> {
  const row = (await db.portalSettings.findUnique({ where: { id: 1 } })) ?? DEFAULTS;
  return {
    name: row.name,
    logoUrl: row.logoUrl,
    accentColor: row.accentColor,
    intro: row.intro,
    signupMode: row.signupMode === null ? env.PORTAL_SIGNUP : TO_MODE[row.signupMode],
    mail: env.SMTP_URL !== undefined,
  };
}

export async function updatePortalSettings(
  { input, actor }: { input: UpdatePortalSettingsBody; actor: Actor },
  db: Db = prisma,
): Promise<PortalSettingsDto> {
  return inTransaction(db, async (tx) => {
    const before = await getPortalSettings(tx);
    const data = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.logoUrl !== undefined ? { logoUrl: input.logoUrl } : {}),
      ...(input.accentColor !== undefined ? { accentColor: input.accentColor.toLowerCase() } : {}),
      ...(input.intro !== undefined ? { intro: input.intro } : {}),
      ...(input.signupMode !== undefined ? { signupMode: FROM_MODE[input.signupMode] } : {}),
    };
    await tx.portalSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    const after = await getPortalSettings(tx);
    const changes: Record<string, { before: string | null; after: string | null }> = {};
    for (const field of ["name", "logoUrl", "accentColor", "intro", "signupMode"] as const) {
      if (before[field] !== after[field]) changes[field] = { before: before[field], after: after[field] };
    }
    await recordEvent(
      { actor, action: "portal.update", targetType: "portal", targetId: "settings", targetName: after.name, apiId: null, details: changes },
      tx,
    );
    return after;
  });
}
