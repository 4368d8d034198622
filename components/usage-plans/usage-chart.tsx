"use client";

import { useState } from "react";

import { USAGE_RANGES, type UsageRange } from "@/components/usage-plans/hooks/use-usage-plans-query";
import type { KeyDailyUsage, UsageItem } from "@/lib/schemas/usage-plan";

const CHART_WIDTH = 640;
const PLOT_HEIGHT = 160;
const AXIS_WIDTH = 44;
const LABEL_HEIGHT = 20;
/** Past this many keys the rest share one colour, so the legend stays readable. */
const MAX_SERIES = 7;
const SERIES_FILLS = [
  "fill-zinc-800",
  "fill-sky-500",
  "fill-amber-500",
  "fill-emerald-500",
  "fill-rose-500",
  "fill-violet-500",
  "fill-teal-600",
];
const SWATCHES = ["bg-zinc-800", "bg-sky-500", "bg-amber-500", "bg-emerald-500", "bg-rose-500", "bg-violet-500", "bg-teal-600"];
const OTHER_FILL = "fill-zinc-300";
const OTHER_SWATCH = "bg-zinc-300";

type Series = { id: string; name: string; fill: string; swatch: string; used: number[] };

/** Keys in the order the report sorts them (busiest first); the keys past MAX_SERIES merged into one. */
function buildSeries(keys: KeyDailyUsage[], dayCount: number): Series[] {
  const series: Series[] = keys.slice(0, MAX_SERIES).map((key, index) => ({
    id: key.apiKeyId,
    name: key.apiKeyName,
    fill: SERIES_FILLS[index] ?? OTHER_FILL,
    swatch: SWATCHES[index] ?? OTHER_SWATCH,
    used: key.days.map((day) => day.used),
  }));
  const rest = keys.slice(MAX_SERIES);
  if (rest.length > 0) {
    const used = Array.from({ length: dayCount }, (_, day) => rest.reduce((sum, key) => sum + (key.days[day]?.used ?? 0), 0));
    series.push({
      id: "other",
      name: `${rest.length} other key${rest.length === 1 ? "" : "s"}`,
      fill: OTHER_FILL,
      swatch: OTHER_SWATCH,
      used,
    });
  }
  return series;
}

/** A round number at or above `max` for the top of the axis (1, 2, 5 × 10^n). */
function niceCeiling(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

function shortDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
}

/**
 * Requests per day (UTC) of each key, as stacked bars, with a 7/30-day
 * switch and the values of the day under the pointer; below it, each key's
 * total and the quota it has left this period. A plain SVG: a few dozen bars
 * need no chart library.
 */
export function UsageChart({
  keys,
  items,
  range,
  onRangeChange,
}: {
  keys: KeyDailyUsage[];
  /** Current quota period per key (empty without a quota). */
  items: UsageItem[];
  range: UsageRange;
  onRangeChange: (range: UsageRange) => void;
}) {
  const [hovered, setHovered] = useState<number | null>(null);
  const dates = keys[0]?.days.map((day) => day.date) ?? [];
  const series = buildSeries(keys, dates.length);
  const totals = dates.map((_, day) => series.reduce((sum, one) => sum + (one.used[day] ?? 0), 0));
  const top = niceCeiling(Math.max(0, ...totals));
  const slot = dates.length > 0 ? (CHART_WIDTH - AXIS_WIDTH) / dates.length : 0;
  const barWidth = Math.max(2, slot * 0.7);
  const labelEvery = dates.length > 10 ? Math.ceil(dates.length / 7) : 1;
  const quotaByKey = new Map(items.map((item) => [item.apiKeyId, item]));
  const shownDay = hovered ?? dates.length - 1;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-zinc-500" aria-live="polite" data-testid="usage-hover">
          {dates.length === 0
            ? ""
            : `${shortDate(dates[shownDay] ?? "")}: ${totals[shownDay] ?? 0} request${totals[shownDay] === 1 ? "" : "s"}` +
              series
                .filter((one) => (one.used[shownDay] ?? 0) > 0)
                .map((one) => ` · ${one.name} ${one.used[shownDay]}`)
                .join("")}
        </p>
        <div role="group" aria-label="Days shown" className="inline-flex rounded-md ring-1 ring-zinc-200">
          {USAGE_RANGES.map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={range === option}
              onClick={() => onRangeChange(option)}
              className={`px-2.5 py-1 text-xs first:rounded-l-md last:rounded-r-md ${
                range === option ? "bg-zinc-900 text-white" : "bg-white text-zinc-600 hover:bg-zinc-50"
              }`}
            >
              {option} days
            </button>
          ))}
        </div>
      </div>

      {totals.every((total) => total === 0) ? (
        <p className="rounded-lg border border-dashed border-zinc-200 px-4 py-8 text-center text-sm text-zinc-500">
          No requests with these keys in the last {range} days.
        </p>
      ) : (
        <svg
          role="img"
          aria-label={`Requests per day per key over the last ${range} days`}
          viewBox={`0 0 ${CHART_WIDTH} ${PLOT_HEIGHT + LABEL_HEIGHT}`}
          className="w-full max-w-3xl"
          onMouseLeave={() => setHovered(null)}
        >
          {[0, 0.5, 1].map((fraction) => {
            const y = PLOT_HEIGHT - fraction * PLOT_HEIGHT;
            return (
              <g key={fraction}>
                <line x1={AXIS_WIDTH} x2={CHART_WIDTH} y1={y} y2={y} className="stroke-zinc-100" />
                <text x={AXIS_WIDTH - 6} y={y + 4} textAnchor="end" className="fill-zinc-400 text-[10px] tabular-nums">
                  {Math.round(top * fraction)}
                </text>
              </g>
            );
          })}
          {dates.map((date, day) => {
            const x = AXIS_WIDTH + day * slot;
            let stacked = 0;
            return (
              <g key={date} data-testid={`usage-day-${date}`} onMouseEnter={() => setHovered(day)}>
                <title>{`${date}: ${totals[day]} requests`}</title>
                {/* The whole column takes the pointer, so thin bars are easy to hover. */}
                <rect x={x} y={0} width={slot} height={PLOT_HEIGHT} className={hovered === day ? "fill-zinc-50" : "fill-transparent"} />
                {series.map((one) => {
                  const used = one.used[day] ?? 0;
                  if (used === 0) return null;
                  const height = (used / top) * PLOT_HEIGHT;
                  stacked += height;
                  return (
                    <rect
                      key={one.id}
                      x={x + (slot - barWidth) / 2}
                      y={PLOT_HEIGHT - stacked}
                      width={barWidth}
                      height={Math.max(1, height)}
                      className={one.fill}
                    />
                  );
                })}
                {day % labelEvery === 0 ? (
                  <text x={x + slot / 2} y={PLOT_HEIGHT + 14} textAnchor="middle" className="fill-zinc-500 text-[10px]">
                    {shortDate(date)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      )}

      <table className="w-full max-w-3xl text-left text-[13px]">
        <thead>
          <tr className="text-xs text-zinc-500">
            <th className="py-1 font-normal">Key</th>
            <th className="py-1 text-right font-normal">Requests, {range} days</th>
            <th className="py-1 text-right font-normal">Quota left this period</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key, index) => {
            const quota = quotaByKey.get(key.apiKeyId);
            return (
              <tr key={key.apiKeyId} className="border-t border-zinc-100" data-testid={`usage-key-${key.apiKeyId}`}>
                <td className="py-1.5 text-zinc-800">
                  <span
                    className={`mr-2 inline-block size-2.5 rounded-sm ${index < MAX_SERIES ? SWATCHES[index] : OTHER_SWATCH}`}
                    aria-hidden
                  />
                  {key.apiKeyName} <span className="font-mono text-[11px] text-zinc-400">{key.displayPrefix}</span>
                </td>
                <td className="py-1.5 text-right tabular-nums text-zinc-800">{key.days.reduce((sum, day) => sum + day.used, 0)}</td>
                <td className={`py-1.5 text-right tabular-nums ${quota?.remaining === 0 ? "text-red-600" : "text-zinc-800"}`}>
                  {quota === undefined ? "No quota" : `${quota.remaining} of ${quota.limit}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
