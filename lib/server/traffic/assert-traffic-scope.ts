import "server-only";

import { prisma, type Db } from "@/lib/server/db";
import { apiNotFound } from "@/lib/server/apis/get-api";
import { stageNotFound } from "@/lib/server/stages/stage-row";

/** The API (and the stage, when named) must exist: a 404 naming what is missing otherwise. */
export async function assertTrafficScope({ apiId, stage }: { apiId: string; stage?: string }, db: Db = prisma): Promise<void> {
  const api = await db.api.findUnique({
    where: { id: apiId },
    select: { id: true, stages: stage === undefined ? false : { where: { name: stage }, select: { id: true } } },
  });
  if (api === null) throw apiNotFound(apiId);
  if (stage !== undefined && api.stages.length === 0) throw stageNotFound(apiId, stage);
}
