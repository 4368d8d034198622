// The windows a dashboard shows, each with a step that keeps the charts
// readable (60 to 168 points) and within what the metrics API answers.

export const TRAFFIC_RANGES = [
  { id: "1h", label: "1 h", ms: 3_600_000, step: 60 },
  { id: "6h", label: "6 h", ms: 6 * 3_600_000, step: 300 },
  { id: "24h", label: "24 h", ms: 24 * 3_600_000, step: 900 },
  { id: "7d", label: "7 d", ms: 7 * 86_400_000, step: 3600 },
  { id: "30d", label: "30 d", ms: 30 * 86_400_000, step: 14_400 },
] as const;

export type TrafficRangeId = (typeof TRAFFIC_RANGES)[number]["id"];
export type TrafficRange = (typeof TRAFFIC_RANGES)[number];

export function trafficRange(id: string | null | undefined): TrafficRange {
  return TRAFFIC_RANGES.find((range) => range.id === id) ?? TRAFFIC_RANGES[0];
}

/** The window ending now (to the next whole step, so a refresh keeps the same points) of a range. */
export function rangeWindow(range: TrafficRange, now: number): { from: number; to: number } {
  const stepMs = range.step * 1000;
  const to = Math.ceil(now / stepMs) * stepMs;
  return { from: to - Math.ceil(range.ms / stepMs) * stepMs, to };
}

/** The query string of the request explorer for one point of a chart (its interval). */
export function explorerHref(apiId: string, stage: string, at: string, stepSeconds: number, extra: Record<string, string> = {}): string {
  const from = Date.parse(at);
  const params = new URLSearchParams({
    from: new Date(from).toISOString(),
    to: new Date(from + stepSeconds * 1000).toISOString(),
    ...extra,
  });
  return `/apis/${encodeURIComponent(apiId)}/stages/${encodeURIComponent(stage)}/requests?${params}`;
}
