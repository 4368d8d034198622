import type { Period } from "./types";

/** One quota period: [start, end) in epoch ms, and the suffix that names it in keys. */
export interface PeriodWindow {
  start: number;
  end: number;
  /** `D:20250131`, `W:20250127` (the Monday), `M:202501`. */
  suffix: string;
}

const DAY_MS = 86_400_000;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function dateSuffix(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`;
}

/** Computes the UTC period containing `nowMs`. Weeks start on Monday (ISO 8601). */
export function computePeriod(period: Period, nowMs: number): PeriodWindow {
  if (period === "DAY") {
    const start = Math.floor(nowMs / DAY_MS) * DAY_MS;
    return { start, end: start + DAY_MS, suffix: `D:${dateSuffix(start)}` };
  }
  if (period === "WEEK") {
    const days = Math.floor(nowMs / DAY_MS);
    // 1970-01-01 was a Thursday: shifting by 3 makes Monday weekday 0.
    const weekday = (((days + 3) % 7) + 7) % 7;
    const start = (days - weekday) * DAY_MS;
    return { start, end: start + 7 * DAY_MS, suffix: `W:${dateSuffix(start)}` };
  }
  const d = new Date(nowMs);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  return {
    start: Date.UTC(year, month, 1),
    end: Date.UTC(year, month + 1, 1),
    suffix: `M:${year}${pad2(month + 1)}`,
  };
}

/**
 * Remembers the last window per period type, so the hot path computes a
 * calendar month (which needs a Date) once per period rather than per request.
 */
export class PeriodCache {
  private readonly windows: Record<Period, PeriodWindow | null> = { DAY: null, WEEK: null, MONTH: null };

  get(period: Period, nowMs: number): PeriodWindow {
    const cached = this.windows[period];
    if (cached !== null && nowMs >= cached.start && nowMs < cached.end) return cached;
    const fresh = computePeriod(period, nowMs);
    this.windows[period] = fresh;
    return fresh;
  }
}
