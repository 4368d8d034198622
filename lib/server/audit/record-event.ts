import "server-only";

import { prisma, type Db, Prisma } from "@/lib/server/db";

export type AuditTargetType = "api" | "resource" | "method" | "integration" | "model";

export type RecordEventOptions = {
  actor: string;
  /** Dotted verb: "api.create", "resource.delete", "method.update", ... */
  action: `${AuditTargetType}.${"create" | "update" | "delete"}`;
  targetType: AuditTargetType;
  targetId: string;
  apiId: string | null;
  details?: Prisma.InputJsonObject;
};

/**
 * Appends one event to the audit trail. Call it with the transaction client
 * of the change it describes, so that the change and its record commit or
 * roll back together.
 */
export async function recordEvent(options: RecordEventOptions, db: Db = prisma): Promise<void> {
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
