import type { Period } from "./types";

/** One quota period: [start, end) in epoch ms, and the suffix that names it in keys. */
export interface PeriodWindow {
  start: number;
  end: number;
  /** `D:20250131`, `W:20250127` (the Monday), `M:202501`. */
  suffix: string;
}

export const DAY_MS = 86_400_000;

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

/** `YYYY-MM-DD` of a UTC day given as days since 1970-01-01. */
export function formatDay(dayNumber: number): string {
  const d = new Date(dayNumber * DAY_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` UTC date, or null when it is not a real calendar date. */
export function parseDay(date: string): number | null {
  const match = DAY_PATTERN.exec(date);
  if (match === null) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2025-02-30 over to March: only a date that formats back to itself is real.
  if (Number.isNaN(ms) || formatDay(ms / DAY_MS) !== date) return null;
  return ms / DAY_MS;
}

/**
 * The UTC day containing a moment, cached until the day ends: the hot path
 * compares one number per request instead of building a Date.
 */
export class DayCache {
  /** Days since 1970-01-01. */
  day = Number.NaN;
  /** `YYYY-MM-DD`. */
  date = "";
  private start = Number.POSITIVE_INFINITY;
  private end = Number.NEGATIVE_INFINITY;

  /** Moves to the day containing `nowMs` if needed and returns its day number. */
  at(nowMs: number): number {
    if (nowMs >= this.start && nowMs < this.end) return this.day;
    const day = Math.floor(nowMs / DAY_MS);
    this.day = day;
    this.start = day * DAY_MS;
    this.end = this.start + DAY_MS;
    this.date = formatDay(day);
    return day;
  }
}

/** The inclusive day numbers of a `fromDay`..`toDay` range, or a RangeError saying what is wrong with it. */
export function parseDayRange(fromDay: string, toDay: string): { from: number; to: number } {
  const from = parseDay(fromDay);
  const to = parseDay(toDay);
  if (from === null || to === null)
    throw new RangeError(`Usage days must be calendar dates as YYYY-MM-DD (got "${fromDay}" and "${toDay}").`);
  if (from > to) throw new RangeError(`The first day (${fromDay}) is after the last day (${toDay}).`);
  return { from, to };
}
