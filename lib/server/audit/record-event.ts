import "server-only";

import { prisma, type Db, type Prisma } from "@/lib/server/db";

/** What each audited family of changes can do; an action is written "<family>.<verb>". */
type AuditVerbs = {
  api: "create" | "update" | "delete" | "import";
  resource: "create" | "update" | "delete";
  method: "create" | "update" | "delete";
  integration: "create" | "update";
  model: "create" | "update" | "delete";
  deployment: "create";
  stage: "promote" | "rollback" | "update";
  canary: "create" | "update" | "promote" | "discard";
  node: "register";
  usageplan: "create" | "update" | "delete";
  apikey: "create" | "import" | "update" | "enable" | "disable" | "revoke" | "rotate";
};

/** Every action the audit trail records: "api.create", "stage.rollback", "apikey.rotate", ... */
export type AuditAction = { [Family in keyof AuditVerbs]: `${Family}.${AuditVerbs[Family]}` }[keyof AuditVerbs];

/** The kind of object an event is about (a canary event is about its stage or its deployment). */
export type AuditTargetType =
  | "api"
  | "resource"
  | "method"
  | "integration"
  | "model"
  | "deployment"
  | "stage"
  | "node"
  | "usagePlan"
  | "apiKey";

export type RecordEventOptions = {
  actor: string;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  /** The API the change belongs to; null for keys, plans and nodes, which belong to none. */
  apiId: string | null;
  /** Never a key's value or hash: names, prefixes, ids and times only. */
  details?: Prisma.InputJsonObject;
};

/**
 * Appends one event to the audit trail. Call it with the transaction client
 * of the change it describes, so that the change and its record commit or
 * roll back together.
 */
export async function recordEvent(options: RecordEventOptions, db: Db = prisma): Promise<void> {
  await db.auditEvent.create({ data: toAuditRow(options) });
}

/** Many events in one statement (a CSV import issues thousands of keys). */
export async function recordEvents(events: RecordEventOptions[], db: Db = prisma): Promise<void> {
  if (events.length === 0) return;
  await db.auditEvent.createMany({ data: events.map(toAuditRow) });
}

function toAuditRow(options: RecordEventOptions): Prisma.AuditEventCreateManyInput {
  return {
    actor: options.actor,
    action: options.action,
    targetType: options.targetType,
    targetId: options.targetId,
    apiId: options.apiId,
    details: options.details ?? {},
  };
}
