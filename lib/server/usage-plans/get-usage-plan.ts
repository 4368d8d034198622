import "server-only";

import { notFound } from "@/lib/errors/api-error";
import type { UsagePlanDto } from "@/lib/schemas/usage-plan";
import { prisma, type Db } from "@/lib/server/db";

import { toUsagePlanDto, usagePlanInclude } from "./serialize-usage-plan";

export function usagePlanNotFound(usagePlanId: string) {
  return notFound(`Usage plan '${usagePlanId}' does not exist; list plans with GET /api/v1/usage-plans`);
}

export async function getUsagePlanOrThrow({ usagePlanId }: { usagePlanId: string }, db: Db = prisma): Promise<UsagePlanDto> {
  const plan = await db.usagePlan.findUnique({ where: { id: usagePlanId }, include: usagePlanInclude });
  if (plan === null) throw usagePlanNotFound(usagePlanId);
  return toUsagePlanDto(plan);
}
