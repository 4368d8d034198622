"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { MetricPoint } from "@/lib/schemas/traffic";

const COLOURS = {
  ok: "#a1a1aa",
  status4xx: "#f59e0b",
  status5xx: "#e11d48",
  p50: "#0ea5e9",
  p90: "#6366f1",
  p99: "#27272a",
  integration: "#10b981",
};

/** Labels of a chart's time axis: the time of day for short ranges, the date for long ones. */
export function formatPointTime(iso: string, stepSeconds: number): string {
  const date = new Date(iso);
  if (stepSeconds >= 3600) return date.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  return date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

const axisTick = { fontSize: 10, fill: "#71717a" };
const tooltipStyle = { fontSize: 12 };

/**
 * Requests per step as stacked bars (successes, 4xx, 5xx); clicking a bar
 * opens the requests of its interval.
 */
export function RequestsChart({
  series,
  step,
  onOpenPoint,
}: {
  series: MetricPoint[];
  step: number;
  onOpenPoint?: (point: MetricPoint) => void;
}) {
  const rows = series.map((point) => ({
    at: point.at,
    ok: point.count - point.status4xx - point.status5xx,
    status4xx: point.status4xx,
    status5xx: point.status5xx,
  }));
  const open = (index: number) => {
    const point = series[index];
    if (point && onOpenPoint) onOpenPoint(point);
  };
  return (
    <div role="img" aria-label="Requests per interval, by outcome" data-testid="requests-chart" className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: -12 }}>
          <CartesianGrid vertical={false} stroke="#f4f4f5" />
          <XAxis
            dataKey="at"
            tickFormatter={(at: string) => formatPointTime(at, step)}
            tick={axisTick}
            tickLine={false}
            axisLine={false}
            minTickGap={24}
          />
          <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} width={48} />
          <Tooltip
            labelFormatter={(at) => (typeof at === "string" ? formatPointTime(at, step) : "")}
            contentStyle={tooltipStyle}
            cursor={{ fill: "#fafafa" }}
          />
          <Legend iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          {(["ok", "status4xx", "status5xx"] as const).map((key) => (
            <Bar
              key={key}
              dataKey={key}
              name={key === "ok" ? "Successful" : key === "status4xx" ? "4xx" : "5xx"}
              stackId="requests"
              fill={COLOURS[key]}
              isAnimationActive={false}
              cursor={onOpenPoint ? "pointer" : undefined}
              onClick={(_entry, index) => open(index)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Total latency p50/p90/p99 and the integration's p50 per step, in milliseconds. */
export function LatencyChart({ series, step }: { series: MetricPoint[]; step: number }) {
  const lines = [
    { key: "latencyP50Ms", name: "p50", colour: COLOURS.p50, dashed: false },
    { key: "latencyP90Ms", name: "p90", colour: COLOURS.p90, dashed: false },
    { key: "latencyP99Ms", name: "p99", colour: COLOURS.p99, dashed: false },
    { key: "integrationLatencyP50Ms", name: "integration p50", colour: COLOURS.integration, dashed: true },
  ] as const;
  return (
    <div role="img" aria-label="Latency percentiles per interval, in milliseconds" data-testid="latency-chart" className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={series} margin={{ top: 4, right: 4, bottom: 0, left: -12 }}>
          <CartesianGrid vertical={false} stroke="#f4f4f5" />
          <XAxis
            dataKey="at"
            tickFormatter={(at: string) => formatPointTime(at, step)}
            tick={axisTick}
            tickLine={false}
            axisLine={false}
            minTickGap={24}
          />
          <YAxis tick={axisTick} tickLine={false} axisLine={false} width={48} unit=" ms" />
          <Tooltip
            labelFormatter={(at) => (typeof at === "string" ? formatPointTime(at, step) : "")}
            formatter={(value) => (typeof value === "number" ? `${value.toFixed(1)} ms` : "")}
            contentStyle={tooltipStyle}
          />
          <Legend iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          {lines.map((line) => (
            <Line
              key={line.key}
              dataKey={line.key}
              name={line.name}
              stroke={line.colour}
              strokeDasharray={line.dashed ? "4 3" : undefined}
              // Intervals without requests have no latency: dots keep a lone point visible.
              dot={{ r: 2, strokeWidth: 0, fill: line.colour }}
              strokeWidth={1.5}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
