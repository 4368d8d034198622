import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { z } from "zod";
import { authorizerSchema, HTTP_METHODS } from "@/lib/contracts";
import type { LambdaInvoker } from "../lambda/invoke";
import { RequestContext } from "../pipeline";
import { authorizerStep } from "../plugins/authorize";

/**
 * Runs an authorizer once against a described request, as API Gateway's
 * TestInvokeAuthorizer does: with its own verifier and no result cache, so
 * nothing served is read or changed. The console's authorizer test calls
 * this through the admin API.
 */
export const authorizerTestSchema = z.object({
  authorizer: authorizerSchema,
  request: z
    .object({
      apiId: z.string().min(1).max(128).default("test"),
      stage: z.string().min(1).max(128).default("test"),
      method: z.enum(HTTP_METHODS).default("GET"),
      path: z.string().startsWith("/").max(2048).default("/"),
      headers: z.record(z.string().min(1).max(256), z.string().max(8192)).default({}),
      queryStringParameters: z.record(z.string().max(256), z.string().max(8192)).default({}),
      stageVariables: z.record(z.string().max(64), z.string().max(2048)).default({}),
      scopes: z.array(z.string()).max(50).default([]),
    })
    .default({
      apiId: "test",
      stage: "test",
      method: "GET",
      path: "/",
      headers: {},
      queryStringParameters: {},
      stageVariables: {},
      scopes: [],
    }),
});
export type AuthorizerTestInput = z.input<typeof authorizerTestSchema>;

export interface AuthorizerTestResult {
  /** What the gateway would answer: 200 when the request would go on to the integration. */
  status: number;
  allowed: boolean;
  /** The denial reason the access log would show; null when allowed. */
  reason: string | null;
  principalId: string | null;
  context: Record<string, unknown>;
  latencyMs: number;
}

export async function testAuthorizer(input: z.output<typeof authorizerTestSchema>, invoker: LambdaInvoker): Promise<AuthorizerTestResult> {
  const { authorizer, request } = input;
  const req = new IncomingMessage(new Socket());
  req.method = request.method;
  req.url = request.path;
  for (const [name, value] of Object.entries(request.headers)) {
    req.headers[name.toLowerCase()] = value;
    req.rawHeaders.push(name, value);
  }
  const ctx = new RequestContext(req, new ServerResponse(req), performance.now());
  ctx.path = request.path;
  ctx.query = new URLSearchParams(request.queryStringParameters).toString();
  ctx.params = {};
  const step = authorizerStep(authorizer, { ...request, scopes: request.scopes }, invoker, false);
  const started = performance.now();
  const refused = await step(ctx);
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const context: Record<string, unknown> = { ...(ctx.authorizer ?? {}) };
  const principalId = typeof context.principalId === "string" ? context.principalId : null;
  delete context.principalId;
  return refused === undefined
    ? { status: 200, allowed: true, reason: null, principalId, context, latencyMs }
    : {
        status: refused.status,
        allowed: false,
        reason: refused.reason === "" ? refused.code : refused.reason,
        principalId,
        context,
        latencyMs,
      };
}
