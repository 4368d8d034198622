import type { UsagePlanDto } from "@/lib/schemas/usage-plan";

const PERIOD_WORDS = { DAY: "day", WEEK: "week", MONTH: "month" } as const;

/** "10 req/s, burst 20 · 5,000 per day" — or "No limits" for a plan that only grants access. */
export function describePlanLimits(plan: Pick<UsagePlanDto, "throttle" | "quota">): string {
  const parts: string[] = [];
  if (plan.throttle) parts.push(`${plan.throttle.rateLimit} req/s, burst ${plan.throttle.burstLimit}`);
  if (plan.quota) parts.push(`${plan.quota.limit.toLocaleString("en-US")} per ${PERIOD_WORDS[plan.quota.period]}`);
  return parts.length === 0 ? "No limits" : parts.join(" · ");
}
