import "server-only";

import { z } from "zod";

import { compileAuthorizer } from "@/lib/deploy/compile-snapshot";
import { ApiError, conflict } from "@/lib/errors/api-error";
import type { TestAuthorizerBody, TestAuthorizerResult } from "@/lib/schemas/authorizer";
import { prisma, type Db } from "@/lib/server/db";
import { listPushTargets } from "@/lib/server/nodes/list-push-targets";

import { findAuthorizerOrThrow, type AuthorizerAddress } from "./find-authorizer";

const nodeAnswerSchema = z.object({
  status: z.number().int(),
  allowed: z.boolean(),
  reason: z.string().nullable(),
  principalId: z.string().nullable(),
  context: z.record(z.string(), z.unknown()),
  latencyMs: z.number(),
});

/**
 * Runs an authorizer once against the described request on a gateway node
 * (the console never verifies tokens or invokes functions itself: the
 * gateway's code decides, as it will for real traffic). No result cache is
 * read or filled.
 */
export async function testAuthorizer(
  { input, ...address }: AuthorizerAddress & { input: TestAuthorizerBody },
  db: Db = prisma,
): Promise<TestAuthorizerResult> {
  const row = await findAuthorizerOrThrow(address, db);
  const authorizer = compileAuthorizer(row);
  if (typeof authorizer === "string") throw conflict(`The authorizer cannot be tested: ${authorizer}`);
  const [node] = await listPushTargets(db);
  if (node === undefined) throw conflict("No gateway node is available to run the test; start or approve one on the Gateway nodes page");
  const timeoutMs = ("timeoutMs" in authorizer && typeof authorizer.timeoutMs === "number" ? authorizer.timeoutMs : 10_000) + 5_000;
  let response: Response;
  try {
    response = await fetch(`${node.adminUrl.replace(/\/+$/, "")}/v1/authorizer-tests`, {
      method: "POST",
      headers: { authorization: `Bearer ${node.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        authorizer,
        request: {
          apiId: address.apiId,
          stage: "test",
          method: input.method,
          path: input.path,
          headers: input.headers,
          queryStringParameters: input.queryStringParameters,
          stageVariables: input.stageVariables,
          scopes: input.scopes,
        },
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new ApiError("bad_gateway", `The gateway node ${node.name} did not answer the test; check that it is running`);
  }
  if (!response.ok) {
    throw new ApiError("bad_gateway", `The gateway node ${node.name} refused the test (${response.status}); it may run an older release`);
  }
  return nodeAnswerSchema.parse(await response.json());
}
