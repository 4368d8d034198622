import "server-only";

import { z } from "zod";

import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/schemas/common";
import type { StageDto } from "@/lib/schemas/stage";
import { findApiOrThrow } from "@/lib/server/apis/get-api";
import { prisma, type Db } from "@/lib/server/db";
import { decodeCursor, encodeCursor, takePage } from "@/lib/server/pagination/cursor";

import { currentDefinitionHash } from "./current-hash";
import { findStageOrThrow, stageWithDeployments, toStageDto } from "./stage-row";

const stageCursorSchema = z.object({ name: z.string() });

/** An API's stages by name (unique within an API). */
export async function listStages(
  { apiId, cursor, limit = DEFAULT_PAGE_SIZE }: { apiId: string; cursor?: string; limit?: number },
  db: Db = prisma,
): Promise<Page<StageDto>> {
  await findApiOrThrow({ apiId }, db);
  const after = cursor ? decodeCursor(stageCursorSchema, cursor) : undefined;
  const [rows, currentHash] = await Promise.all([
    db.stage.findMany({
      where: { apiId, name: after ? { gt: after.name } : undefined },
      include: stageWithDeployments,
      orderBy: { name: "asc" },
      take: limit + 1,
    }),
    currentDefinitionHash({ apiId }, db),
  ]);
  const page = takePage(rows, limit);
  return {
    items: page.items.map((stage) => toStageDto(stage, currentHash)),
    nextCursor: page.hasMore && page.last ? encodeCursor({ name: page.last.name }) : null,
  };
}

export async function getStageOrThrow({ apiId, stageName }: { apiId: string; stageName: string }, db: Db = prisma): Promise<StageDto> {
  await findApiOrThrow({ apiId }, db);
  const stage = await findStageOrThrow({ apiId, stageName }, db);
  return toStageDto(stage, await currentDefinitionHash({ apiId }, db));
}
