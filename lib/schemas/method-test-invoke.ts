import { z } from "zod";

import { testInvokeBodySchema } from "./stage";

export const methodTestInvokeBodySchema = testInvokeBodySchema
  .extend({
    /** Stage variables from this stage; else `stageVariables`. */
    stageName: z.string().min(1).max(128).optional(),
    stageVariables: z
      .record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/, "stage variable names use letters, digits and '_'"), z.string().max(2048))
      .default({}),
  })
  .meta({ id: "MethodTestInvokeBody" });
export type MethodTestInvokeBody = z.infer<typeof methodTestInvokeBodySchema>;

export const MethodTestInvokeResultSchema = z
  .object({
    node: z.string().meta({ description: "The gateway node that ran the test." }),
    response: z.object({
      status: z.number().int(),
      headers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
      body: z.string(),
      base64: z.boolean().meta({ description: "The body is binary, shown base64-encoded." }),
    }),
    steps: z.array(z.object({ step: z.string(), atMs: z.number(), detail: z.record(z.string(), z.unknown()) })).meta({
      description:
        "What the integration sent and received, in order: the integration request, the backend's answer, the integration response chosen, failures.",
    }),
    latencyMs: z.number(),
  })
  .meta({ id: "MethodTestInvokeResult" });
export type MethodTestInvokeResult = z.infer<typeof MethodTestInvokeResultSchema>;
