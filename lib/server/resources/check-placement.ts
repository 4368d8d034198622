import "server-only";

import { conflict, invalidField } from "@/lib/errors/api-error";
import type { Resource } from "@/lib/generated/prisma/client";
import { duplicatePathParameters, isGreedyPathPart, isVariablePathPart, MAX_PATH_LENGTH } from "@/lib/schemas/resource-path";
import type { Tx } from "@/lib/server/db";

export type PlacementOptions = {
  parent: Resource;
  pathPart: string;
  path: string;
  /** The resource being renamed, which does not conflict with itself. */
  selfId?: string;
};

/**
 * The tree rules a path part must satisfy under a parent. Each is also
 * enforced by the database (unique indexes, CHECK constraints); checking
 * first gives a message that names the sibling in the way.
 */
export async function checkPlacement({ parent, pathPart, path, selfId }: PlacementOptions, tx: Tx): Promise<void> {
  if (isGreedyPathPart(parent.pathPart)) {
    throw conflict(`${parent.path} is a greedy resource: it matches every path below it, so it cannot have child resources`, [
      { path: "parentId", message: "a greedy {name+} resource cannot have children" },
    ]);
  }
  if (path.length > MAX_PATH_LENGTH) {
    throw invalidField("pathPart", `The full path would be ${path.length} characters; the limit is ${MAX_PATH_LENGTH}`);
  }
  const duplicates = duplicatePathParameters(path);
  if (duplicates.length > 0) {
    const names = duplicates.map((name) => `{${name}}`).join(", ");
    throw invalidField("pathPart", `The path ${path} would declare ${names} more than once; give each path parameter its own name`);
  }
  const siblings = await tx.resource.findMany({
    where: { parentId: parent.id, id: selfId ? { not: selfId } : undefined },
    select: { pathPart: true, path: true },
  });
  const same = siblings.find((sibling) => sibling.pathPart === pathPart);
  if (same) {
    throw conflict(`The resource ${same.path} already exists`, [
      { path: "pathPart", message: `a sibling resource already has the path part ${pathPart}` },
    ]);
  }
  if (isVariablePathPart(pathPart)) {
    const variable = siblings.find((sibling) => isVariablePathPart(sibling.pathPart));
    if (variable) {
      const message = `A sibling resource already has a variable path part ${variable.pathPart}; a parent can have only one, so rename that one or use a literal segment`;
      throw conflict(message, [{ path: "pathPart", message }]);
    }
  }
}

/** variableParentId mirrors parentId for {variable} segments, so a unique index allows one per parent. */
export function variableParentIdFor(parentId: string, pathPart: string): string | null {
  return isVariablePathPart(pathPart) ? parentId : null;
}
