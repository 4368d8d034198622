import "server-only";

import { prisma, type Db, type Prisma } from "@/lib/server/db";

export type DeployAction =
  | "deployment.create"
  | "canary.create"
  | "canary.update"
  | "canary.promote"
  | "canary.discard"
  | "stage.promote"
  | "stage.rollback"
  | "stage.update"
  | "node.register";

/**
 * Appends a deploy-related event to the audit trail, with the transaction
 * client of the change it describes so both commit or roll back together.
 */
export async function recordDeployEvent(
  options: { actor: string; action: DeployAction; targetType: "deployment" | "stage" | "node"; targetId: string; apiId: string | null; details?: Prisma.InputJsonObject },
  db: Db = prisma,
): Promise<void> {
  await db.auditEvent.create({
    data: {
      actor: options.actor,
      action: options.action,
      targetType: options.targetType,
      targetId: options.targetId,
      apiId: options.apiId,
      details: options.details ?? {},
    },
  });
}
