"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState, type FormEvent } from "react";

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

const TARGET_TYPES = ["", "api", "resource", "method", "integration", "model", "deployment", "stage", "usagePlan", "apiKey", "node", "user", "token"];

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
  const [draft, setDraft] = useState<AuditFilter>(() => ({ ...filter, since: toLocalInput(filter.since), until: toLocalInput(filter.until) }));

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const raw = draft[key]?.trim();
      const value = key === "since" || key === "until" ? toInstant(raw ?? "") : raw;
      if (value) next.set(key, value);
    }
    router.replace(next.size > 0 ? `${pathname}?${next}` : pathname);
  }

  function clear() {
    setDraft({});
    router.replace(pathname);
  }

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
        <form onSubmit={apply} aria-label="Filter the audit log" className="mt-6 grid grid-cols-2 gap-3 rounded-lg bg-white p-4 ring-1 ring-zinc-200 md:grid-cols-6">
          <Field label="Actor">
            <Input placeholder="name or id" value={draft.actor ?? ""} onChange={(event) => setDraft({ ...draft, actor: event.target.value })} />
          </Field>
          <Field label="Action">
            <Input placeholder="e.g. stage or token.create" value={draft.action ?? ""} onChange={(event) => setDraft({ ...draft, action: event.target.value })} />
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
        <ListSection
          label="Audit events"
          className="mt-6"
          query={query}
          errorTitle="The audit log could not be loaded"
          loadMoreError="More events could not be loaded"
          skeleton={<Skeleton className="h-64" />}
          isEmpty={events.length === 0}
          empty={<EmptyState title="No events" description={Object.keys(filter).length > 0 ? "Nothing matches these filters." : "Changes appear here as they are made."} />}
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

function AuditRow({ event }: { event: AuditEventDto }) {
  const [open, setOpen] = useState(false);
  const href = auditTargetHref(event);
  const hasChanges = Object.keys(event.changes).length > 0;
  return (
    <>
      <tr className="align-top">
        <td className="px-4 py-3 whitespace-nowrap text-zinc-600">{formatDateTime(event.at)}</td>
        <td className="px-4 py-3">
          <p className="truncate font-medium text-zinc-900">{event.actor.name || event.actor.id || "—"}</p>
          <p className="text-xs text-zinc-500">{event.actor.type === "token" ? "API token" : event.actor.type}</p>
        </td>
        <td className="px-4 py-3">
          <Badge>{event.action}</Badge>
        </td>
        <td className="px-4 py-3">
          <p className="truncate">
            <span className="text-xs text-zinc-500">{event.target.type} </span>
            {href ? (
              <Link href={href} className="font-medium text-zinc-900 underline-offset-2 hover:underline">
                {event.target.name || event.target.id}
              </Link>
            ) : (
              <span className="font-medium text-zinc-900">{event.target.name || event.target.id}</span>
            )}
          </p>
          {hasChanges ? (
            <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} className="mt-1 text-xs text-zinc-500 hover:text-zinc-900">
              {open ? "Hide changes" : "Show changes"}
            </button>
          ) : null}
        </td>
        <td className="px-4 py-3 text-xs text-zinc-500">
          <p className="truncate font-mono" title={event.requestId}>
            {event.requestId || "—"}
          </p>
          <p className="truncate">{event.ip}</p>
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={5} className="bg-zinc-50 px-4 py-3">
            <pre className="overflow-x-auto font-mono text-xs text-zinc-700">{JSON.stringify(event.changes, null, 2)}</pre>
          </td>
        </tr>
      ) : null}
    </>
  );
}
