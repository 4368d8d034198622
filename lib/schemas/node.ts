import { z } from "zod";

import { cursorSchema, limitSchema, pageSchema } from "./common";

export const GatewayNodeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    adminUrl: z.string(),
    source: z.enum(["CONFIG", "REGISTERED"]),
    approved: z
      .boolean()
      .meta({ description: "False while a registered node awaits an admin's approval: it gets no pushes and may not pull the state." }),
    lastSeenAt: z.string().nullable(),
    lastError: z.string().nullable(),
    reachable: z.boolean().meta({ description: "Whether the node answered just now." }),
    stale: z.boolean().meta({ description: "True when the node serves something else than the console expects (or is unreachable)." }),
    stages: z.array(
      z.object({
        apiId: z.string(),
        stage: z.string(),
        expectedHash: z.string().nullable(),
        servedHash: z.string().nullable(),
        inSync: z.boolean(),
      }),
    ),
    consumers: z.object({ expectedHash: z.string().nullable(), servedHash: z.string().nullable(), inSync: z.boolean() }),
  })
  .meta({ id: "GatewayNode" });
export type GatewayNodeDto = z.infer<typeof GatewayNodeSchema>;

export const GatewayNodeListSchema = pageSchema(GatewayNodeSchema).meta({ id: "GatewayNodeList" });

export const registerNodeBodySchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, "node names use 1 to 128 letters, digits, '.', '-' or '_'"),
    adminUrl: z
      .url()
      .max(2048)
      .refine((value) => /^https?:\/\//.test(value), "adminUrl must be an http:// or https:// URL"),
    adminToken: z
      .string()
      .min(32, "adminToken must be at least 32 characters")
      .max(512)
      .meta({ description: "The node's own admin token: the console presents it to this node only." }),
  })
  .meta({ id: "RegisterNodeBody" });

export const heartbeatBodySchema = z
  .strictObject({
    nodeId: z.string().min(1).max(64),
    served: z.record(z.string().max(300), z.string().max(64)).optional(),
  })
  .meta({ id: "HeartbeatBody" });

export const RegisterNodeResultSchema = z
  .object({
    node: z.object({
      id: z.string(),
      name: z.string(),
      approved: z.boolean().meta({
        description: "False until an admin approves the node (unless GATEWAY_AUTO_APPROVE); until then it may not pull the state.",
      }),
    }),
    heartbeatIntervalMs: z.number().int(),
  })
  .meta({ id: "RegisterNodeResult" });

export const GatewayStateSchema = z
  .object({
    stages: z.array(z.record(z.string(), z.unknown())).meta({ description: "Every stage's snapshot (lib/contracts)." }),
    stateHash: z.string(),
    consumers: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "GatewayState" });

export const listNodesQuerySchema = z.object({
  probe: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true")
    .meta({ description: "Ask each node what it serves now (default), or use the state recorded at the last push or heartbeat." }),
  cursor: cursorSchema.optional(),
  limit: limitSchema.optional(),
});

export const nodeParamsSchema = z.object({ nodeId: z.string().min(1).max(64) });
