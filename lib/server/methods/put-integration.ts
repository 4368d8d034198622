import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import type { IntegrationBody, IntegrationDto } from "@/lib/schemas/method";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { findMethodOrThrow, type MethodAddress } from "./find-method";
import { checkIntegration, writeIntegration } from "./method-data";
import { toIntegrationDto } from "./serialize-method";

export type PutIntegrationOptions = MethodAddress & { input: IntegrationBody; actor: Actor };

/** Sets (creates or replaces) a method's integration. */
export async function putIntegration(
  { input, actor, ...address }: PutIntegrationOptions,
  db: Db = prisma,
): Promise<{ integration: IntegrationDto; created: boolean }> {
  return inTransaction(db, async (tx) => {
    const method = await findMethodOrThrow(address, tx);
    // The body is the integration itself, so its fields have no "integration." prefix.
    checkIntegration({ resourcePath: method.resource.path, integration: input }, "uri");
    await writeIntegration(method.id, input, tx);
    const created = method.integration === null;
    await recordEvent(
      {
        actor,
        action: created ? "integration.create" : "integration.update",
        targetType: "integration",
        targetId: method.id,
        apiId: address.apiId,
        details: { path: method.resource.path, httpMethod: method.httpMethod, type: input.type },
      },
      tx,
    );
    const integration = await tx.integration.findUniqueOrThrow({ where: { methodId: method.id } });
    return { integration: toIntegrationDto(integration), created };
  });
}
