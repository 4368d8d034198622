"use client";

import { Activity, AlertTriangle, ListFilter } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

import { useStagesQuery } from "@/components/stages/hooks/use-stages-query";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import type { Metrics, MetricPoint } from "@/lib/schemas/traffic";

import { TRAFFIC_REFRESH_MS, useMetricsQuery, useTopTrafficQuery, type TrafficScope } from "./hooks/use-traffic-query";
import { formatPointTime, LatencyChart, RequestsChart } from "./traffic-charts";
import { explorerHref, TRAFFIC_RANGES, trafficRange } from "./traffic-ranges";
import { formatMs, TopTrafficTable } from "./top-traffic-table";

const ALL_STAGES = "";

function percent(part: number, whole: number): string {
  return whole === 0 ? "" : ` (${((part / whole) * 100).toFixed(part / whole < 0.01 ? 2 : 1)} %)`;
}

function Stat({ label, value, tone }: { label: string; value: string; tone?: "warn" | "bad" }) {
  return (
    <div className="rounded-xl bg-white px-4 py-3 shadow-xs ring-1 ring-zinc-200">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd
        className={`mt-1 text-lg font-semibold tabular-nums ${tone === "bad" ? "text-rose-700" : tone === "warn" ? "text-amber-700" : "text-zinc-900"}`}
      >
        {value}
      </dd>
    </div>
  );
}

/** The interval with the most errors (or, without errors, the most requests): where to look first. */
function busiestPoint(series: MetricPoint[]): MetricPoint | undefined {
  let best: MetricPoint | undefined;
  for (const point of series) {
    if (point.count === 0) continue;
    const score = (point.status4xx + point.status5xx) * 1e9 + point.count;
    const bestScore = best ? (best.status4xx + best.status5xx) * 1e9 + best.count : -1;
    if (score > bestScore) best = point;
  }
  return best;
}

function GapsNote({ gaps }: { gaps: Metrics["gaps"] }) {
  if (gaps.length === 0) return null;
  return (
    <p role="alert" className="flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-800 ring-1 ring-amber-200">
      <AlertTriangle aria-hidden className="mt-0.5 size-3.5 shrink-0" />
      <span>
        Some minutes may be missing:{" "}
        {gaps
          .map(
            (gap) =>
              `${gap.node} ${gap.reason === "restart" ? "restarted before" : "held no longer"} the minutes from ${new Date(gap.from).toLocaleString()} to ${new Date(gap.to).toLocaleTimeString()} ${gap.reason === "restart" ? "were read" : "when the console read it again"}`,
          )
          .join("; ")}
        .
      </span>
    </p>
  );
}

/**
 * The traffic of an API, one stage or all: requests, 4xx, 5xx and latency
 * percentiles over a chosen window, the busiest routes and keys, refreshed
 * every 30 seconds. Clicking a bar opens the requests of its interval.
 */
export function TrafficDashboard({ apiId }: { apiId: string }) {
  const stages = useStagesQuery(apiId);
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const range = trafficRange(searchParams.get("range"));
  const stageNames = (stages.data ?? []).map((stage) => stage.name);
  const asked = searchParams.get("stage");
  const stage = asked === ALL_STAGES ? null : asked !== null && stageNames.includes(asked) ? asked : (stageNames[0] ?? null);
  const scope: TrafficScope = { apiId, stage };
  // Until the stages are known, which stage to show is not either.
  const known = stages.isSuccess;
  const metrics = useMetricsQuery(scope, range, known);
  const topRoutes = useTopTrafficQuery(scope, range, "route", known);
  const topKeys = useTopTrafficQuery(scope, range, "apiKey", known);

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(searchParams.toString());
    next.set(name, value);
    router.replace(`${pathname}?${next}`, { scroll: false });
  };

  if (stages.isPending) return <Skeleton className="m-6 h-64" />;
  if (stages.isError)
    return <ErrorState title="Could not load the stages" error={stages.error} onRetry={() => void stages.refetch()} className="m-6" />;
  if (stageNames.length === 0) {
    return (
      <EmptyState
        icon={<Activity className="size-5" />}
        title="No traffic yet"
        description="Deploy the API to a stage; its requests show here as soon as a gateway node serves them."
        action={
          <Link href={`/apis/${apiId}/stages`} className="text-sm font-medium text-accent-600 hover:underline">
            Go to Stages
          </Link>
        }
      />
    );
  }

  const data = metrics.data;
  const busiest = data ? busiestPoint(data.series) : undefined;
  const openPoint = stage === null ? undefined : (point: MetricPoint) => router.push(explorerHref(apiId, stage, point.at, range.step));

  return (
    <div className="flex flex-col gap-4 p-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-xs text-zinc-500">
            Stage
            <Select
              aria-label="Stage"
              value={stage ?? ALL_STAGES}
              onChange={(event) => setParam("stage", event.target.value)}
              options={[...stageNames.map((name) => ({ value: name, label: name })), { value: ALL_STAGES, label: "All stages" }]}
              className="w-44"
            />
          </label>
          <div role="group" aria-label="Time range" className="inline-flex rounded-md ring-1 ring-zinc-200">
            {TRAFFIC_RANGES.map((option) => (
              <button
                key={option.id}
                type="button"
                aria-pressed={range.id === option.id}
                onClick={() => setParam("range", option.id)}
                className={`px-2.5 py-1.5 text-xs first:rounded-l-md last:rounded-r-md ${
                  range.id === option.id ? "bg-zinc-900 text-white" : "bg-white text-zinc-600 hover:bg-zinc-50"
                }`}
              >
                {option.label}
              </button>
            ))}
          </div>
        </div>
        <div className="flex items-center gap-4 text-xs text-zinc-500">
          <span aria-live="polite">
            {metrics.isFetching
              ? "Refreshing…"
              : metrics.dataUpdatedAt
                ? `Updated ${new Date(metrics.dataUpdatedAt).toLocaleTimeString()}`
                : ""}
            {` · every ${TRAFFIC_REFRESH_MS / 1000} s`}
          </span>
          {stage !== null ? (
            <Link
              href={`/apis/${apiId}/stages/${encodeURIComponent(stage)}/requests`}
              className="inline-flex items-center gap-1 font-medium text-accent-600 hover:underline"
            >
              <ListFilter aria-hidden className="size-3.5" /> Request explorer
            </Link>
          ) : null}
        </div>
      </div>

      {metrics.isError && !data ? (
        <ErrorState title="Could not load the traffic" error={metrics.error} onRetry={() => void metrics.refetch()} />
      ) : !data ? (
        <div className="flex flex-col gap-4" aria-busy="true" aria-label="Loading traffic">
          <Skeleton className="h-16" />
          <Skeleton className="h-56" />
          <Skeleton className="h-56" />
        </div>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-3 md:grid-cols-5" aria-label="Totals">
            <Stat label="Requests" value={String(data.totals.count)} />
            <Stat
              label="4xx"
              value={`${data.totals.status4xx}${percent(data.totals.status4xx, data.totals.count)}`}
              tone={data.totals.status4xx > 0 ? "warn" : undefined}
            />
            <Stat
              label="5xx"
              value={`${data.totals.status5xx}${percent(data.totals.status5xx, data.totals.count)}`}
              tone={data.totals.status5xx > 0 ? "bad" : undefined}
            />
            <Stat label="Latency p50" value={formatMs(data.totals.latencyP50Ms)} />
            <Stat label="Latency p99" value={formatMs(data.totals.latencyP99Ms)} />
          </dl>
          <GapsNote gaps={data.gaps} />
          {data.totals.count === 0 ? (
            <div className="rounded-xl bg-white shadow-xs ring-1 ring-zinc-200">
              <EmptyState
                icon={<Activity className="size-5" />}
                title={`No requests in the last ${range.label}`}
                description={`Requests to ${stage === null ? "this API" : `the ${stage} stage`} show here within seconds of reaching a gateway node.`}
              />
            </div>
          ) : (
            <>
              <section aria-label="Requests" className="rounded-xl bg-white p-4 shadow-xs ring-1 ring-zinc-200">
                <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="text-[13px] font-semibold text-zinc-900">Requests</h3>
                  {busiest && stage !== null ? (
                    <Link
                      href={explorerHref(apiId, stage, busiest.at, range.step)}
                      className="text-xs font-medium text-accent-600 hover:underline"
                    >
                      {busiest.status4xx + busiest.status5xx > 0
                        ? `Most errors at ${formatPointTime(busiest.at, range.step)}: ${busiest.status4xx + busiest.status5xx} of ${busiest.count}, see those requests`
                        : `Busiest at ${formatPointTime(busiest.at, range.step)}: ${busiest.count} requests, see them`}
                    </Link>
                  ) : null}
                </div>
                <RequestsChart series={data.series} step={range.step} onOpenPoint={openPoint} />
                <p className="mt-1 text-xs text-zinc-500">
                  {stage === null ? "Pick a stage to open the requests behind a bar." : "Click a bar to see the requests of its interval."}{" "}
                  Requests that matched no route count too.
                </p>
              </section>
              <section aria-label="Latency" className="rounded-xl bg-white p-4 shadow-xs ring-1 ring-zinc-200">
                <h3 className="mb-2 text-[13px] font-semibold text-zinc-900">Latency</h3>
                <LatencyChart series={data.series} step={range.step} />
                <p className="mt-1 text-xs text-zinc-500">
                  Percentiles over every node&apos;s requests (from merged histograms, within about 9 %). Integration: the time the backend
                  took.
                </p>
              </section>
            </>
          )}
          <div className="grid gap-4 lg:grid-cols-2">
            <TopTrafficTable title="Top routes" data={topRoutes.data} loading={topRoutes.isPending} />
            <TopTrafficTable title="Top API keys" data={topKeys.data} loading={topKeys.isPending} />
          </div>
        </>
      )}
    </div>
  );
}
