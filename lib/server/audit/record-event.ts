import "server-only";

import type { Actor } from "@/lib/schemas/audit";
import { prisma, type Db, type Prisma } from "@/lib/server/db";

/** What each audited family of changes can do; an action is written "<family>.<verb>". */
type AuditVerbs = {
  api: "create" | "update" | "delete" | "import";
  resource: "create" | "update" | "delete";
  method: "create" | "update" | "delete";
  integration: "create" | "update";
  model: "create" | "update" | "delete";
  authorizer: "create" | "update" | "delete";
  deployment: "create";
  stage: "promote" | "rollback" | "update";
  canary: "create" | "update" | "promote" | "discard";
  node: "register" | "approve" | "delete";
  user: "create" | "invite" | "accept" | "update" | "disable" | "enable" | "delete" | "password" | "signin";
  token: "create" | "revoke";
  setup: "complete";
  usageplan: "create" | "update" | "delete";
  apikey: "create" | "import" | "update" | "enable" | "disable" | "revoke" | "rotate";
  portal: "update";
  listing: "create" | "update" | "delete";
  consumer: "signup" | "signin" | "invite" | "approve" | "reject" | "disable" | "enable" | "verify";
  subscription: "create" | "approve" | "reject";
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
  | "authorizer"
  | "deployment"
  | "stage"
  | "node"
  | "usagePlan"
  | "apiKey"
  | "user"
  | "token"
  | "portal"
  | "listing"
  | "consumer"
  | "subscription";

export type RecordEventOptions = {
  actor: Actor;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  /** The target's name at the time; taken from details.name when omitted. */
  targetName?: string;
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
  const { actor } = options;
  const detailsName = options.details?.name;
  return {
    actorType: actor.type,
    actorId: actor.id,
    actor: actor.name.slice(0, 255),
    action: options.action,
    targetType: options.targetType,
    targetId: options.targetId,
    targetName: (options.targetName ?? (typeof detailsName === "string" ? detailsName : "")).slice(0, 255),
    apiId: options.apiId,
    details: options.details ?? {},
    requestId: actor.requestId.slice(0, 128),
    ip: actor.ip.slice(0, 64),
    userAgent: actor.userAgent.slice(0, 512),
  };
}
