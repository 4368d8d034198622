import { z } from "zod";

import { cursorSchema, limitSchema, pageSchema, timestampSchema } from "./common";

export const ACTOR_TYPES = ["user", "token", "node", "consumer", "system"] as const;
export const ActorTypeSchema = z.enum(ACTOR_TYPES);
export type ActorType = z.infer<typeof ActorTypeSchema>;

export const AuditEventSchema = z
  .object({
    id: z.string(),
    at: timestampSchema,
    actor: z.object({
      type: ActorTypeSchema,
      id: z.string().meta({ description: "The user's, token's or node's id; empty for the system." }),
      name: z.string(),
    }),
    action: z.string().meta({ description: 'A dotted verb: "api.create", "stage.rollback", "user.disable", ...' }),
    target: z.object({ type: z.string(), id: z.string(), name: z.string() }),
    apiId: z.string().nullable(),
    changes: z.record(z.string(), z.unknown()).meta({ description: "What changed (before/after for settings); never a secret." }),
    requestId: z.string(),
    ip: z.string(),
    userAgent: z.string(),
  })
  .meta({ id: "AuditEvent" });
export type AuditEventDto = z.infer<typeof AuditEventSchema>;

export const AuditEventPageSchema = pageSchema(AuditEventSchema).meta({ id: "AuditEventPage" });

export const listAuditEventsQuerySchema = z.strictObject({
  actor: z.string().max(255).optional().meta({ description: "An actor's id, or part of its name (case-insensitive)." }),
  action: z.string().max(64).optional().meta({ description: 'An action ("stage.promote") or a family ("stage").' }),
  targetType: z.string().max(64).optional(),
  targetId: z.string().max(255).optional(),
  apiId: z.string().max(64).optional(),
  since: timestampSchema.optional(),
  until: timestampSchema.optional(),
  cursor: cursorSchema.optional(),
  limit: limitSchema.optional(),
});
export type ListAuditEventsQuery = z.infer<typeof listAuditEventsQuerySchema>;

/**
 * Who makes a change, as the domain functions receive it: the authenticated
 * principal (never anything a client claims about itself) and the request
 * it came with, so the audit event can say where it came from.
 */
export type Actor = {
  type: ActorType;
  id: string;
  name: string;
  /** The user behind a "user" or "token" actor (for a token: the user who made it). */
  userId?: string;
  /** What the principal may do (for rules that depend on the data, such as protected stages). */
  role: "viewer" | "developer" | "admin";
  requestId: string;
  ip: string;
  userAgent: string;
};

/** Changes Portico makes by itself (first-run setup, start-up tasks). */
export const SYSTEM_ACTOR: Actor = { type: "system", id: "", name: "portico", role: "admin", requestId: "", ip: "", userAgent: "" };
