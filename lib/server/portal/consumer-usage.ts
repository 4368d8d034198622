import "server-only";

import type { UsageLineDto } from "@/lib/schemas/portal";
import { prisma, type Db } from "@/lib/server/db";
import { getUsagePlanUsage } from "@/lib/server/usage/get-usage";

/**
 * A consumer's usage per key and plan, read from the gateway nodes'
 * counters through the same report as the console's usage page: requests
 * per UTC day over the last 7 days, and what is left of the quota now.
 */
export async function getConsumerUsage(
  { consumerId, now = new Date() }: { consumerId: string; now?: Date },
  db: Db = prisma,
): Promise<UsageLineDto[]> {
  const keys = await db.apiKey.findMany({
    where: { consumerId, revokedAt: null },
    select: { id: true, displayPrefix: true, usagePlans: { select: { usagePlan: { select: { id: true, name: true } } } } },
    orderBy: { createdAt: "asc" },
  });
  const lines: UsageLineDto[] = [];
  for (const key of keys) {
    for (const { usagePlan } of key.usagePlans) {
      const report = await getUsagePlanUsage({ usagePlanId: usagePlan.id, apiKeyId: key.id, now }, db);
      const days = (report.keys.find((series) => series.apiKeyId === key.id)?.days ?? []).map(({ date, used }) => ({ date, used }));
      const item = report.items.find((candidate) => candidate.apiKeyId === key.id);
      const today = days.at(-1)?.used ?? 0;
      lines.push({
        apiKeyId: key.id,
        displayPrefix: key.displayPrefix,
        usagePlanId: usagePlan.id,
        usagePlanName: usagePlan.name,
        period: report.quota?.period ?? null,
        limit: report.quota?.limit ?? null,
        used: item?.used ?? today,
        remaining: item?.remaining ?? null,
        days,
      });
    }
  }
  return lines;
}
