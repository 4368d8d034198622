import "server-only";
import type { Actor } from "@/lib/schemas/audit";

import { conflict, invalidField } from "@/lib/errors/api-error";
import { uriPathParameters } from "@/lib/schemas/integration-uri";
import type { ResourceSummaryDto } from "@/lib/schemas/resource";
import { duplicatePathParameters, isGreedyPathPart, joinPath, MAX_PATH_LENGTH, parsePathPart } from "@/lib/schemas/resource-path";
import { recordEvent } from "@/lib/server/audit/record-event";
import { prisma, type Db, type Tx } from "@/lib/server/db";
import { escapeLike } from "@/lib/server/sql/escape-like";
import { inTransaction } from "@/lib/server/transaction";

import { checkPlacement, variableParentIdFor } from "./check-placement";
import { findResourceOrThrow } from "./find-resource";
import { lockResourceTree } from "./lock-resources";
import { toResourceSummaryDto } from "./serialize-resource";

export type RenameResourceOptions = { apiId: string; resourceId: string; pathPart: string; actor: Actor };

function descendantsWhere(apiId: string, path: string) {
  return { apiId, path: { startsWith: escapeLike(`${path}/`) } };
}

/**
 * A renamed variable would leave methods below it pointing at a parameter
 * that no longer exists; refuse, naming them, rather than break them.
 */
async function checkParameterUsers(
  { apiId, oldPath, oldName, newName }: { apiId: string; oldPath: string; oldName: string; newName: string | null },
  tx: Tx,
): Promise<void> {
  if (oldName === newName) return;
  const methods = await tx.method.findMany({
    where: { resource: { OR: [{ apiId, path: oldPath }, descendantsWhere(apiId, oldPath)] } },
    include: { integration: { select: { uri: true } }, resource: { select: { path: true } } },
  });
  const users = methods.filter((method) => {
    const inUri = method.integration?.uri ? uriPathParameters(method.integration.uri).includes(oldName) : false;
    const declared = Array.isArray(method.requestParameters)
      ? method.requestParameters.some(
          (parameter) =>
            typeof parameter === "object" &&
            parameter !== null &&
            "in" in parameter &&
            parameter.in === "path" &&
            "name" in parameter &&
            parameter.name === oldName,
        )
      : false;
    return inUri || declared;
  });
  if (users.length > 0) {
    const list = users.map((method) => `${method.httpMethod} ${method.resource.path}`).join(", ");
    const message = `{${oldName}} is used by ${list} (integration URI or path parameters); update those methods first, then rename`;
    throw conflict(message, [{ path: "pathPart", message }]);
  }
}

/** Renames a resource's path part and rewrites the path of its whole subtree, in one transaction. */
export async function renameResource(
  { apiId, resourceId, pathPart, actor }: RenameResourceOptions,
  db: Db = prisma,
): Promise<ResourceSummaryDto> {
  return inTransaction(db, async (tx) => {
    // Every path read below, the subtree rewrite included, is read under the lock.
    await lockResourceTree(apiId, tx);
    const resource = await findResourceOrThrow({ apiId, resourceId }, tx);
    if (resource.parentId === null) {
      throw conflict("The root resource / cannot be renamed; rename its children instead", [
        { path: "pathPart", message: "the root resource cannot be renamed" },
      ]);
    }
    const parent = await tx.resource.findUniqueOrThrow({ where: { id: resource.parentId } });
    const oldPath = resource.path;
    const newPath = joinPath(parent.path, pathPart);

    if (pathPart !== resource.pathPart) {
      await checkPlacement({ parent, pathPart, path: newPath, selfId: resource.id }, tx);
      const descendants = await tx.resource.findMany({ where: descendantsWhere(apiId, oldPath), select: { path: true } });
      if (descendants.length > 0 && isGreedyPathPart(pathPart)) {
        throw conflict(`${oldPath} has child resources; a greedy {name+} resource must be a leaf`, [
          { path: "pathPart", message: "a resource with children cannot become greedy" },
        ]);
      }
      for (const descendant of descendants) {
        const renamed = newPath + descendant.path.slice(oldPath.length);
        if (renamed.length > MAX_PATH_LENGTH) {
          throw invalidField("pathPart", `The descendant ${descendant.path} would get a path longer than ${MAX_PATH_LENGTH} characters`);
        }
        const duplicates = duplicatePathParameters(renamed);
        if (duplicates.length > 0) {
          throw invalidField(
            "pathPart",
            `The descendant ${descendant.path} would become ${renamed}, declaring {${duplicates[0]}} twice; choose another name`,
          );
        }
      }
      const before = parsePathPart(resource.pathPart);
      const after = parsePathPart(pathPart);
      if (before.kind === "variable" || before.kind === "greedy") {
        const newName = after.kind === "variable" || after.kind === "greedy" ? after.name : null;
        await checkParameterUsers({ apiId, oldPath, oldName: before.name, newName }, tx);
      }

      await tx.resource.update({
        where: { id: resource.id },
        data: { pathPart, path: newPath, variableParentId: variableParentIdFor(parent.id, pathPart) },
      });
      // One statement for the whole subtree: every descendant path starts with
      // the old path and a slash, and only that prefix changes.
      await tx.$executeRaw`
        UPDATE "Resource"
        SET "path" = ${newPath} || substr("path", ${oldPath.length + 1}), "updatedAt" = now()
        WHERE "apiId" = ${apiId} AND left("path", ${oldPath.length + 1}) = ${`${oldPath}/`}`;
      await recordEvent(
        {
          actor,
          action: "resource.update",
          targetType: "resource",
          targetId: resource.id,
          apiId,
          details: { from: oldPath, to: newPath, descendantsRenamed: descendants.length },
        },
        tx,
      );
    }
    const updated = await tx.resource.findUniqueOrThrow({
      where: { id: resource.id },
      include: { methods: { select: { httpMethod: true } } },
    });
    return toResourceSummaryDto(updated);
  });
}
