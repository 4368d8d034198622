"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { USAGE_RANGES, type UsageRange } from "@/components/usage-plans/hooks/use-usage-plans-query";
import type { KeyDailyUsage, UsageItem } from "@/lib/schemas/usage-plan";

/** Past this many keys the rest share one colour, so the legend stays readable. */
const MAX_SERIES = 7;
const SERIES_COLOURS = ["#27272a", "#0ea5e9", "#f59e0b", "#10b981", "#f43f5e", "#8b5cf6", "#0d9488"];
const OTHER_COLOUR = "#d4d4d8";

type Series = { id: string; name: string; colour: string; used: number[] };

/** Keys in the order the report sorts them (busiest first); the keys past MAX_SERIES merged into one. */
function buildSeries(keys: KeyDailyUsage[], dayCount: number): Series[] {
  const series: Series[] = keys.slice(0, MAX_SERIES).map((key, index) => ({
    id: key.apiKeyId,
    name: key.apiKeyName,
    colour: SERIES_COLOURS[index] ?? OTHER_COLOUR,
    used: key.days.map((day) => day.used),
  }));
  const rest = keys.slice(MAX_SERIES);
  if (rest.length > 0) {
    const used = Array.from({ length: dayCount }, (_, day) => rest.reduce((sum, key) => sum + (key.days[day]?.used ?? 0), 0));
    series.push({ id: "other", name: `${rest.length} other key${rest.length === 1 ? "" : "s"}`, colour: OTHER_COLOUR, used });
  }
  return series;
}

function shortDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
}

/**
 * Requests per day (UTC) of each key, as stacked bars, with a 7/30-day
 * switch and the values of the day under the pointer; below it, each key's
 * total and the quota it has left this period.
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
  const dates = keys[0]?.days.map((day) => day.date) ?? [];
  const series = buildSeries(keys, dates.length);
  const rows = dates.map((date, day) => ({ date, ...Object.fromEntries(series.map((one) => [one.id, one.used[day] ?? 0])) }));
  const empty = series.every((one) => one.used.every((used) => used === 0));
  const quotaByKey = new Map(items.map((item) => [item.apiKeyId, item]));

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-zinc-500">Requests per day (UTC), per key.</p>
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

      {empty ? (
        <p className="rounded-lg border border-dashed border-zinc-200 px-4 py-8 text-center text-sm text-zinc-500">
          No requests with these keys in the last {range} days.
        </p>
      ) : (
        <div role="img" aria-label={`Requests per day per key over the last ${range} days`} className="h-48 w-full max-w-3xl">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: -12 }}>
              <CartesianGrid vertical={false} stroke="#f4f4f5" />
              <XAxis dataKey="date" tickFormatter={shortDate} tick={{ fontSize: 10, fill: "#71717a" }} tickLine={false} axisLine={false} />
              <YAxis allowDecimals={false} tick={{ fontSize: 10, fill: "#a1a1aa" }} tickLine={false} axisLine={false} width={44} />
              <Tooltip
                labelFormatter={(date) => (typeof date === "string" ? shortDate(date) : "")}
                cursor={{ fill: "#fafafa" }}
                contentStyle={{ fontSize: 12 }}
              />
              {series.map((one) => (
                <Bar key={one.id} dataKey={one.id} name={one.name} stackId="keys" fill={one.colour} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
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
                    className="mr-2 inline-block size-2.5 rounded-sm"
                    style={{ backgroundColor: SERIES_COLOURS[index] ?? OTHER_COLOUR }}
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
