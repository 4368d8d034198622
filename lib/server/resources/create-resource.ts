import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { notFound } from "@/lib/errors/api-error";
import type { CreateResourceBody, ResourceSummaryDto } from "@/lib/schemas/resource";
import { joinPath } from "@/lib/schemas/resource-path";
import { findApiOrThrow } from "@/lib/server/apis/get-api";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db } from "@/lib/server/db";
import { inTransaction } from "@/lib/server/transaction";

import { checkPlacement, variableParentIdFor } from "./check-placement";
import { lockResourceTree } from "./lock-resources";
import { toResourceSummaryDto } from "./serialize-resource";

export type CreateResourceOptions = { apiId: string; input: CreateResourceBody; actor: Actor };

export async function createResource({ apiId, input, actor }: CreateResourceOptions, db: Db = prisma): Promise<ResourceSummaryDto> {
  return inTransaction(db, async (tx) => {
    await findApiOrThrow({ apiId }, tx);
    // The parent's path is read under the lock, so no rename can change it before the child is written.
    await lockResourceTree(apiId, tx);
    const parent = await tx.resource.findFirst({ where: { id: input.parentId, apiId } });
    if (!parent) {
      throw notFound(`The API ${apiId} has no resource with the id ${input.parentId} to create a child under`, [
        { path: "parentId", message: "no such resource in this API" },
      ]);
    }
    const path = joinPath(parent.path, input.pathPart);
    await checkPlacement({ parent, pathPart: input.pathPart, path }, tx);
    const resource = await tx.resource.create({
      data: {
        apiId,
        parentId: parent.id,
        pathPart: input.pathPart,
        path,
        variableParentId: variableParentIdFor(parent.id, input.pathPart),
      },
    });
    await recordEvent({ actor, action: "resource.create", targetType: "resource", targetId: resource.id, apiId, details: { path } }, tx);
    return toResourceSummaryDto({ ...resource, methods: [] });
  });
}
