import "server-only";

import type { AuthorizerDto } from "@/lib/schemas/authorizer";
import { findApiOrThrow } from "@/lib/server/apis/get-api";
import { prisma, type Db } from "@/lib/server/db";

import { toAuthorizerDto } from "./serialize-authorizer";

/** An API's authorizers by name; an API has at most a few dozen, so the list is not paged. */
export async function listAuthorizers({ apiId }: { apiId: string }, db: Db = prisma): Promise<{ items: AuthorizerDto[] }> {
  await findApiOrThrow({ apiId }, db);
  const rows = await db.authorizer.findMany({
    where: { apiId },
    orderBy: { name: "asc" },
    include: { _count: { select: { methods: true } } },
  });
  return { items: rows.map(toAuthorizerDto) };
}
