"use client";

import { ChevronDown, ChevronRight, Search } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Fragment, useState, type FormEvent } from "react";

import { Badge, MethodBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { TableHead } from "@/components/ui/table-head";
import type { RecordedRequest, RecordedRequestPage } from "@/lib/schemas/traffic";

import { useRecentRequestsQuery } from "./hooks/use-traffic-query";
import { filterFromSearch, fromLocalInput, searchFromFilter, toLocalInput } from "./request-filter";
import { formatMs } from "./top-traffic-table";

const METHODS = ["", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function statusTone(status: number): "green" | "amber" | "red" | "neutral" {
  if (status >= 500) return "red";
  if (status >= 400) return "amber";
  if (status >= 200 && status < 300) return "green";
  return "neutral";
}

/** What the nodes keep, in words: every error, and all or a share of successes. */
function samplingSentence(sampling: RecordedRequestPage["sampling"]): string {
  if (sampling.length === 0) return "";
  const sampled = sampling.filter((node) => node.successRate < 1);
  if (sampled.length === 0) return "Every request is recorded: the nodes are keeping all of them.";
  return `Under load the nodes keep every error but only a sample of successes: ${sampled
    .map((node) => `${node.node} records ${Math.round(node.successRate * 100)} % of successful requests`)
    .join(", ")}.`;
}

function RequestDetails({ request }: { request: RecordedRequest }) {
  return (
    <div className="grid gap-4 px-4 py-3 text-[13px] md:grid-cols-2" data-testid="request-details">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-zinc-500">Request id</dt>
        <dd className="font-mono text-[12px] break-all">{request.requestId}</dd>
        <dt className="text-zinc-500">Served by</dt>
        <dd>{request.node}</dd>
        <dt className="text-zinc-500">Total</dt>
        <dd className="tabular-nums">{formatMs(request.latencyMs)}</dd>
        <dt className="text-zinc-500">Integration</dt>
        <dd className="tabular-nums">{request.integrationLatencyMs === null ? "not reached" : formatMs(request.integrationLatencyMs)}</dd>
        <dt className="text-zinc-500">Gateway</dt>
        <dd className="tabular-nums">{formatMs(Math.max(0, request.latencyMs - (request.integrationLatencyMs ?? 0)))}</dd>
        <dt className="text-zinc-500">Reason</dt>
        <dd className="font-mono text-[12px]">{request.reason ?? "–"}</dd>
        <dt className="text-zinc-500">API key</dt>
        <dd className="font-mono text-[12px]">{request.apiKeyId ?? "none"}</dd>
      </dl>
      <div>
        <h4 className="mb-1 text-xs font-medium text-zinc-500">Pipeline steps</h4>
        {request.steps && request.steps.length > 0 ? (
          <ol className="flex flex-col gap-1">
            {request.steps.map((step, index) => (
              <li key={index} className="flex justify-between gap-3 rounded bg-zinc-50 px-2 py-1">
                <span>
                  {step.name}
                  {step.detail ? <span className="ml-2 text-zinc-500">{step.detail}</span> : null}
                </span>
                <span className="tabular-nums text-zinc-600">{formatMs(step.ms)}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-zinc-500">The node did not record the steps of this request.</p>
        )}
      </div>
    </div>
  );
}

/**
 * The recent requests of a stage, read from every gateway node on demand,
 * with filters kept in the query string; each row opens on its timings,
 * denial reason and pipeline steps.
 */
export function RequestExplorer({ apiId, stage }: { apiId: string; stage: string }) {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = filterFromSearch(searchParams);
  const requests = useRecentRequestsQuery(apiId, stage, filter);
  const [open, setOpen] = useState<Set<string>>(new Set());

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
    };
    const search = searchFromFilter({
      from: fromLocalInput(text("from") ?? ""),
      to: fromLocalInput(text("to") ?? ""),
      status: text("status"),
      route: text("route"),
      method: text("method"),
      apiKeyId: text("apiKeyId"),
      requestId: text("requestId"),
    });
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  };
  const toggle = (key: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const pages = requests.data?.pages ?? [];
  const items = pages.flatMap((page) => page.items);
  const first = pages[0];

  return (
    <div className="flex flex-col gap-4 p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-[15px] font-semibold text-zinc-900">Requests of {stage}</h2>
        <Link
          href={`/apis/${apiId}/traffic?stage=${encodeURIComponent(stage)}`}
          className="text-xs font-medium text-accent-600 hover:underline"
        >
          Back to the traffic dashboard
        </Link>
      </div>
      <form
        key={searchParams.toString()}
        onSubmit={apply}
        aria-label="Filter requests"
        className="grid grid-cols-2 items-end gap-3 rounded-xl bg-white p-4 shadow-xs ring-1 ring-zinc-200 md:grid-cols-4 xl:grid-cols-8"
      >
        <label className="flex flex-col gap-1 text-xs text-zinc-500">
          From
          <Input name="from" type="datetime-local" defaultValue={toLocalInput(filter.from)} />
        </label>
        <label className="flex flex-col gap-1 text-xs text-zinc-500">
          To
          <Input name="to" type="datetime-local" defaultValue={toLocalInput(filter.to)} />
        </label>
        <label className="flex flex-col gap-1 text-xs text-zinc-500">
          Status
          <Input name="status" placeholder="5xx or 404" defaultValue={filter.status ?? ""} />
        </label>
        <label className="flex flex-col gap-1 text-xs text-zinc-500">
          Method
          <Select
            name="method"
            defaultValue={filter.method ?? ""}
            options={METHODS.map((method) => ({ value: method, label: method || "Any" }))}
          />
        </label>
        <label className="flex flex-col gap-1 text-xs text-zinc-500">
          Route
          <Input name="route" placeholder="GET /pets/{id}" defaultValue={filter.route ?? ""} />
        </label>
        <label className="flex flex-col gap-1 text-xs text-zinc-500">
          API key id
          <Input name="apiKeyId" defaultValue={filter.apiKeyId ?? ""} />
        </label>
        <label className="flex flex-col gap-1 text-xs text-zinc-500">
          Request id
          <Input name="requestId" defaultValue={filter.requestId ?? ""} />
        </label>
        <Button type="submit" variant="primary" icon={<Search aria-hidden className="size-3.5" />}>
          Search
        </Button>
      </form>

      {first && first.unanswered.length > 0 ? (
        <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-800 ring-1 ring-amber-200">
          Not every node answered, so their requests are missing:{" "}
          {first.unanswered.map((node) => `${node.node} (${node.error})`).join("; ")}.
        </p>
      ) : null}
      {first ? (
        <p className="text-xs text-zinc-500" data-testid="sampling">
          {samplingSentence(first.sampling)} Nodes keep recent requests in a bounded buffer (errors longer than successes); older ones are
          counted on the dashboard but no longer listed.
        </p>
      ) : null}

      {requests.isPending ? (
        <Skeleton className="h-48" />
      ) : requests.isError ? (
        <ErrorState title="Could not read the requests" error={requests.error} onRetry={() => void requests.refetch()} />
      ) : items.length === 0 ? (
        <div className="rounded-xl bg-white shadow-xs ring-1 ring-zinc-200">
          <EmptyState
            icon={<Search className="size-5" />}
            title="No requests match"
            description="Widen the time range or clear a filter. Without a time range the last hour is shown (everything the nodes hold when you search by request id)."
          />
        </div>
      ) : (
        <div className="overflow-x-auto rounded-xl bg-white shadow-xs ring-1 ring-zinc-200">
          <table className="w-full text-[13px]" aria-label="Requests">
            <TableHead
              columns={[
                { label: <span className="sr-only">Details</span>, className: "w-8" },
                { label: "Time" },
                { label: "Method" },
                { label: "Path" },
                { label: "Route" },
                { label: "Status" },
                { label: "Latency", className: "text-right" },
                { label: "Integration", className: "text-right" },
                { label: "Reason" },
              ]}
            />
            <tbody>
              {items.map((item) => {
                const key = `${item.node}/${item.requestId}`;
                const expanded = open.has(key);
                return (
                  <Fragment key={key}>
                    <tr className="border-t border-zinc-100" data-request-id={item.requestId}>
                      <td className="px-2 py-1.5">
                        <button
                          type="button"
                          aria-expanded={expanded}
                          aria-label={`Details of ${item.requestId}`}
                          onClick={() => toggle(key)}
                          className="rounded p-1 text-zinc-500 hover:bg-zinc-100"
                        >
                          {expanded ? <ChevronDown aria-hidden className="size-3.5" /> : <ChevronRight aria-hidden className="size-3.5" />}
                        </button>
                      </td>
                      <td className="px-2 py-1.5 whitespace-nowrap tabular-nums">
                        {new Date(item.at).toLocaleTimeString(undefined, { hour12: false })}
                      </td>
                      <td className="px-2 py-1.5">
                        <MethodBadge method={item.method} />
                      </td>
                      <td className="max-w-72 truncate px-2 py-1.5 font-mono text-[12px]" title={item.path}>
                        {item.path}
                      </td>
                      <td className="max-w-56 truncate px-2 py-1.5 font-mono text-[12px] text-zinc-600">{item.route ?? "no route"}</td>
                      <td className="px-2 py-1.5">
                        <Badge tone={statusTone(item.status)}>{item.status}</Badge>
                      </td>
                      <td className="px-2 py-1.5 text-right tabular-nums">{formatMs(item.latencyMs)}</td>
                      <td className="px-2 py-1.5 text-right tabular-nums">{formatMs(item.integrationLatencyMs)}</td>
                      <td className="px-2 py-1.5 font-mono text-[12px] text-zinc-600">{item.reason ?? ""}</td>
                    </tr>
                    {expanded ? (
                      <tr className="bg-zinc-50/50">
                        <td colSpan={9}>
                          <RequestDetails request={item} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
          {requests.hasNextPage ? (
            <div className="border-t border-zinc-100 p-3 text-center">
              <Button onClick={() => void requests.fetchNextPage()} disabled={requests.isFetchingNextPage}>
                {requests.isFetchingNextPage ? "Loading…" : "Older requests"}
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}
