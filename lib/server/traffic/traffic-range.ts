import { invalidField } from "@/lib/errors/api-error";
import { MAX_METRIC_POINTS } from "@/lib/schemas/traffic";

const HOUR_MS = 3_600_000;

/**
 * The range asked for, `from` inclusive and `to` exclusive, by default the
 * hour up to `now`; refused (422 naming the field) when reversed, or longer
 * than what is kept.
 */
export function resolveRange(
  { from, to }: { from?: number; to?: number },
  { now, retentionDays }: { now: number; retentionDays: number },
): { from: number; to: number } {
  const end = to ?? now;
  const start = from ?? end - HOUR_MS;
  if (start >= end) throw invalidField("from", "from must be before to (the range is from inclusive, to exclusive)");
  const longest = (retentionDays + 1) * 24 * HOUR_MS;
  if (end - start > longest) {
    throw invalidField("from", `the range may span at most ${retentionDays + 1} days (metrics are kept ${retentionDays} days)`);
  }
  return { from: start, to: end };
}

/** The range widened to whole steps (aligned to the epoch, so points of two answers line up), and its points. */
export function alignRange(range: { from: number; to: number }, stepSeconds: number): { from: number; to: number; points: number } {
  const stepMs = stepSeconds * 1000;
  const from = Math.floor(range.from / stepMs) * stepMs;
  const to = Math.ceil(range.to / stepMs) * stepMs;
  const points = (to - from) / stepMs;
  if (points > MAX_METRIC_POINTS) {
    const smallest = Math.ceil((to - from) / MAX_METRIC_POINTS / 60_000) * 60;
    throw invalidField(
      "step",
      `this range at step ${stepSeconds} has ${points} points; at most ${MAX_METRIC_POINTS} are answered, use step=${smallest} or more`,
    );
  }
  return { from, to, points };
}
