import "server-only";

import { prisma, type Db, type Prisma } from "@/lib/server/db";

type ConsumerAuditAction =
  | "usageplan.create"
  | "usageplan.update"
  | "usageplan.delete"
  | "apikey.create"
  | "apikey.import"
  | "apikey.update"
  | "apikey.enable"
  | "apikey.disable"
  | "apikey.revoke"
  | "apikey.rotate";

export type RecordConsumerEventOptions = {
  actor: string;
  action: ConsumerAuditAction;
  targetId: string;
  /** Never the key's value or hash: names, prefixes, plan ids and times only. */
  details?: Prisma.InputJsonObject;
};

/**
 * Appends a key or plan change to the audit trail, in the transaction of the
 * change. Keys and plans belong to no single API, so apiId stays null.
 */
export async function recordConsumerEvent(options: RecordConsumerEventOptions, db: Db = prisma): Promise<void> {
  await db.auditEvent.create({ data: toAuditRow(options) });
}

/** Many events in one statement (a CSV import issues thousands of keys). */
export async function recordConsumerEvents(events: RecordConsumerEventOptions[], db: Db = prisma): Promise<void> {
  if (events.length === 0) return;
  await db.auditEvent.createMany({ data: events.map(toAuditRow) });
}

function toAuditRow(options: RecordConsumerEventOptions) {
  return {
    actor: options.actor,
    action: options.action,
    targetType: options.action.startsWith("usageplan.") ? "usagePlan" : "apiKey",
    targetId: options.targetId,
    apiId: null,
    details: options.details ?? {},
  };
}
