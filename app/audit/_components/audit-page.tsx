"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState, type FormEvent } from "react";

import { changeLines } from "@/components/access/audit-changes";
import { auditTargetHref } from "@/components/access/audit-target-link";
import { useAuditEventsQuery, type AuditFilter } from "@/components/access/use-access-queries";
import { useMe } from "@/components/auth/use-me";
import { TopBar } from "@/components/layout/page-header";
import { formatDateTime } from "@/components/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ListSection } from "@/components/ui/list-section";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { TableHead } from "@/components/ui/table-head";
import type { AuditEventDto } from "@/lib/schemas/audit";

const FILTER_KEYS = ["actor", "action", "targetType", "targetId", "since", "until"] as const;

const TARGET_TYPES = [
  "",
  "api",
  "resource",
  "method",
  "integration",
  "model",
  "authorizer",
  "deployment",
  "stage",
  "usagePlan",
  "apiKey",
  "node",
  "user",
  "token",
];

const COLUMNS = [
  { label: "Time", className: "w-[170px]" },
  { label: "Actor", className: "w-[22%]" },
  { label: "Action", className: "w-[160px]" },
  { label: "Target" },
  { label: "Request", className: "w-[170px]" },
];

/** A datetime-local value (local time) as the ISO instant the API takes. */
function toInstant(local: string): string | undefined {
  if (!local) return undefined;
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return "";
  return new Date(time.getTime() - time.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function AuditPage() {
  return (
    <Suspense fallback={null}>
      <Audit />
    </Suspense>
  );
}

function Audit() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const me = useMe();
  // The filter lives in the address, so a filtered view can be linked to.
  const filter: AuditFilter = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filter[key] = value;
  }
  const query = useAuditEventsQuery(filter);
  const events = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <TopBar crumbs={[{ label: "Audit log" }]} />
      <main className="mx-auto w-full max-w-7xl flex-1 px-6 py-8">
        <h1 className="text-xl font-semibold tracking-tight text-zinc-900">Audit log</h1>
        <p className="mt-1 text-sm text-zinc-500">
          {me.data?.user.role === "admin"
            ? "Every change made in this console, by whom, and from where."
            : "The changes you and your tokens made. Admins see everyone's."}
        </p>
        {/* Keyed by the address, so the form shows the filter in force after back, forward or a followed link. */}
        <FilterForm
          key={params.toString()}
          filter={filter}
          onApply={(next) => router.replace(next.size > 0 ? `${pathname}?${next.toString()}` : pathname)}
        />
        <ListSection
          label="Audit events"
          className="mt-6"
          query={query}
          errorTitle="The audit log could not be loaded"
          loadMoreError="More events could not be loaded"
          skeleton={<Skeleton className="h-64" />}
          isEmpty={events.length === 0}
          empty={
            <EmptyState
              title="No events"
              description={Object.keys(filter).length > 0 ? "Nothing matches these filters." : "Changes appear here as they are made."}
            />
          }
        >
          <table className="w-full table-fixed text-sm">
            <TableHead columns={COLUMNS} />
            <tbody className="divide-y divide-zinc-100">
              {events.map((event) => (
                <AuditRow key={event.id} event={event} />
              ))}
            </tbody>
          </table>
        </ListSection>
      </main>
    </>
  );
}

function FilterForm({ filter, onApply }: { filter: AuditFilter; onApply: (params: URLSearchParams) => void }) {
  const [draft, setDraft] = useState<AuditFilter>(() => ({
    ...filter,
    since: toLocalInput(filter.since),
    until: toLocalInput(filter.until),
  }));

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const raw = draft[key]?.trim();
      const value = key === "since" || key === "until" ? toInstant(raw ?? "") : raw;
      if (value) next.set(key, value);
    }
    onApply(next);
  }

  function clear() {
    setDraft({});
    onApply(new URLSearchParams());
  }

  return (
    <form
      onSubmit={apply}
      aria-label="Filter the audit log"
      className="mt-6 grid grid-cols-2 gap-3 rounded-lg bg-white p-4 ring-1 ring-zinc-200 md:grid-cols-6"
    >
      <Field label="Actor">
        <Input placeholder="name or id" value={draft.actor ?? ""} onChange={(event) => setDraft({ ...draft, actor: event.target.value })} />
      </Field>
      <Field label="Action">
        <Input
          placeholder="e.g. stage or token.create"
          value={draft.action ?? ""}
          onChange={(event) => setDraft({ ...draft, action: event.target.value })}
        />
      </Field>
      <Field label="Target type">
        <Select
          value={draft.targetType ?? ""}
          options={TARGET_TYPES.map((type) => ({ value: type, label: type || "any" }))}
          onChange={(event) => setDraft({ ...draft, targetType: event.target.value })}
        />
      </Field>
      <Field label="Target id">
        <Input value={draft.targetId ?? ""} onChange={(event) => setDraft({ ...draft, targetId: event.target.value })} />
      </Field>
      <Field label="Since">
        <Input type="datetime-local" value={draft.since ?? ""} onChange={(event) => setDraft({ ...draft, since: event.target.value })} />
      </Field>
      <Field label="Until">
        <Input type="datetime-local" value={draft.until ?? ""} onChange={(event) => setDraft({ ...draft, until: event.target.value })} />
      </Field>
      <div className="col-span-full flex gap-2">
        <Button type="submit" variant="primary" size="sm">
          Apply filters
        </Button>
        <Button size="sm" variant="ghost" onClick={clear}>
          Clear
        </Button>
      </div>
    </form>
  );
}

const ACTOR_KINDS: Record<string, string> = { user: "user", token: "API token", node: "gateway node", system: "Portico itself" };

function AuditRow({ event }: { event: AuditEventDto }) {
  const [open, setOpen] = useState(false);
  const href = auditTargetHref(event);
  const hasChanges = Object.keys(event.changes).length > 0;
  const target = event.target.name || event.target.id;
  return (
    <>
      <tr className="align-top" aria-label={`${event.action} by ${event.actor.name || event.actor.type}`}>
        <td className="px-4 py-3 whitespace-nowrap text-zinc-600">
          <time dateTime={event.at}>{formatDateTime(event.at)}</time>
        </td>
        <td className="px-4 py-3">
          <p className="truncate font-medium text-zinc-900" title={event.actor.id}>
            {event.actor.name || event.actor.id || "—"}
          </p>
          <p className="text-xs text-zinc-500">{ACTOR_KINDS[event.actor.type] ?? event.actor.type}</p>
        </td>
        <td className="px-4 py-3">
          <Badge>{event.action}</Badge>
        </td>
        <td className="px-4 py-3">
          <p className="truncate">
            <span className="text-xs text-zinc-500">{event.target.type} </span>
            {href ? (
              <Link href={href} className="font-medium text-zinc-900 underline-offset-2 hover:underline">
                {target}
              </Link>
            ) : (
              <span className="font-medium text-zinc-900">{target}</span>
            )}
          </p>
          {hasChanges ? (
            <button
              type="button"
              aria-expanded={open}
              onClick={() => setOpen(!open)}
              className="mt-1 text-xs text-zinc-500 hover:text-zinc-900"
            >
              {open ? "Hide changes" : "Show changes"}
            </button>
          ) : null}
        </td>
        <td className="px-4 py-3 text-xs text-zinc-500">
          <p className="truncate font-mono" title={event.requestId ? `Request ${event.requestId}` : undefined}>
            {event.requestId || "—"}
          </p>
          <p className="truncate" title={event.userAgent || undefined}>
            {event.ip}
          </p>
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={5} className="bg-zinc-50 px-4 py-3">
            <ChangesTable changes={event.changes} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** Settings changes as before and after; other events' details as values. */
function ChangesTable({ changes }: { changes: Record<string, unknown> }) {
  const lines = changeLines(changes);
  const hasBefore = lines.some((line) => line.before !== undefined);
  return (
    <table aria-label="Changes" className="w-full max-w-3xl table-fixed text-xs">
      <thead>
        <tr className="text-left text-zinc-500">
          <th scope="col" className="w-40 py-1 pr-4 font-medium">
            Field
          </th>
          {hasBefore ? (
            <th scope="col" className="py-1 pr-4 font-medium">
              Before
            </th>
          ) : null}
          <th scope="col" className="py-1 font-medium">
            {hasBefore ? "After" : "Value"}
          </th>
        </tr>
      </thead>
      <tbody className="font-mono text-zinc-700">
        {lines.map((line) => (
          <tr key={line.field}>
            <td className="py-1 pr-4 break-all">{line.field}</td>
            {hasBefore ? <td className="py-1 pr-4 break-all text-zinc-500">{line.before ?? ""}</td> : null}
            <td className="py-1 break-all">{line.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
