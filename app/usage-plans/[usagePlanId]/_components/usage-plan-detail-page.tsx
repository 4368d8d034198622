"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { useApiKeysQuery } from "@/components/api-keys/hooks/use-api-keys-query";
import { KeyStatusBadge } from "@/components/api-keys/key-status-badge";
import { describeNodeOutcomes } from "@/components/api-keys/node-outcomes";
import { TopBar } from "@/components/layout/page-header";
import { formatDateTime } from "@/components/lib/format";
import { describePlanLimits } from "@/components/usage-plans/describe-plan";
import { useDeleteUsagePlanMutation, useUsagePlanQuery } from "@/components/usage-plans/hooks/use-usage-plans-query";
import { useDailyUsageQuery, type UsageRange } from "@/components/usage-plans/hooks/use-usage-plans-query";
import { UsageChart } from "@/components/usage-plans/usage-chart";
import { UsagePlanDialog } from "@/components/usage-plans/usage-plan-dialog";
import { PermittedButton } from "@/components/auth/permitted-button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";

const PERIOD_WORDS = { DAY: "today", WEEK: "this week", MONTH: "this month" } as const;

export function UsagePlanDetailPage({ usagePlanId }: { usagePlanId: string }) {
  const router = useRouter();
  const toast = useToast();
  const plan = useUsagePlanQuery(usagePlanId);
  const [usageRange, setUsageRange] = useState<UsageRange>(7);
  const usage = useDailyUsageQuery(usagePlanId, usageRange);
  const keys = useApiKeysQuery({ usagePlanId });
  const remove = useDeleteUsagePlanMutation();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (plan.isPending) {
    return (
      <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
        <Skeleton className="h-8 w-64" />
      </main>
    );
  }
  if (plan.isError) {
    return (
      <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
        <ErrorState title="Could not load the usage plan" error={plan.error} onRetry={() => void plan.refetch()} />
      </main>
    );
  }
  const data = plan.data;
  const keyRows = keys.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <TopBar
        crumbs={[{ label: "Usage plans", href: "/usage-plans" }, { label: data.name }]}
        actions={
          <>
            <PermittedButton onClick={() => setEditing(true)}>Edit</PermittedButton>
            <PermittedButton variant="ghost" className="text-red-600" onClick={() => setDeleting(true)}>
              Delete
            </PermittedButton>
          </>
        }
      />
      <main className="mx-auto flex w-full max-w-6xl flex-1 flex-col gap-6 px-6 py-8">
        <div>
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{data.name}</h1>
          <p className="mt-1 text-sm text-zinc-500">{data.description || describePlanLimits(data)}</p>
        </div>

        <dl className="grid grid-cols-1 gap-4 rounded-xl bg-white p-5 text-sm shadow-xs ring-1 ring-zinc-200 sm:grid-cols-3">
          <div>
            <dt className="text-xs text-zinc-500">Limits</dt>
            <dd className="mt-1 text-zinc-900">{describePlanLimits(data)}</dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-500">API stages</dt>
            <dd className="mt-1 font-mono text-[12px] text-zinc-900">
              {data.apiStages.length === 0
                ? "None"
                : data.apiStages.map((stage) => (
                    <span key={`${stage.apiId}/${stage.stage}`} className="block">
                      <Link href={`/apis/${stage.apiId}`} className="hover:underline">{`${stage.apiId}/${stage.stage}`}</Link>
                      {stage.methodThrottles.length > 0 ? ` · ${stage.methodThrottles.length} method throttle(s)` : ""}
                    </span>
                  ))}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-500">Keys</dt>
            <dd className="mt-1 text-zinc-900">{data.keyCount}</dd>
          </div>
        </dl>

        <section aria-labelledby="usage-heading" className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-zinc-200">
          <h2 id="usage-heading" className="text-[15px] font-semibold text-zinc-900">
            Requests per day
          </h2>
          {usage.isPending ? (
            <Skeleton className="mt-3 h-24 w-full" />
          ) : usage.isError ? (
            <ErrorState title="Could not read usage from the gateways" error={usage.error} onRetry={() => void usage.refetch()} />
          ) : usage.data.keys.length === 0 ? (
            <p className="mt-2 text-sm text-zinc-500">No keys in this plan yet.</p>
          ) : (
            <div className="mt-3 flex flex-col gap-3">
              <UsageChart keys={usage.data.keys} items={usage.data.items} range={usageRange} onRangeChange={setUsageRange} />
              <p className="text-xs text-zinc-500">
                Days are UTC. A request counts once the gateway accepted it: refused keys (403) and throttled or over-quota requests (429)
                do not count.{" "}
                {data.quota && usage.data.periodStart
                  ? `Quota used ${PERIOD_WORDS[data.quota.period]} counts from ${formatDateTime(usage.data.periodStart)}. `
                  : ""}
                {usage.data.sharedCounters
                  ? "Nodes share their counters through Redis."
                  : "Each gateway node counts on its own (no Redis): the figures are the sum over the nodes that answered, and each node enforces the quota separately."}
              </p>
              {usage.data.nodes.some((node) => node.status !== "ok") ? (
                <p role="alert" className="text-xs text-amber-700">
                  {usage.data.nodes
                    .filter((node) => node.status !== "ok")
                    .map((node) => `${node.name}: ${node.error ?? "no answer"}`)
                    .join("; ")}
                  . Its counts are missing from the figures.
                </p>
              ) : null}
            </div>
          )}
        </section>

        <section aria-labelledby="keys-heading" className="rounded-xl bg-white shadow-xs ring-1 ring-zinc-200">
          <div className="flex items-center justify-between px-5 pt-5 pb-3">
            <h2 id="keys-heading" className="text-[15px] font-semibold text-zinc-900">
              API keys in this plan
            </h2>
            <Link href="/api-keys" className="text-[13px] text-zinc-600 hover:underline">
              Manage keys
            </Link>
          </div>
          {keyRows.length === 0 ? (
            <p className="px-5 pb-5 text-sm text-zinc-500">No keys yet. Issue one on the API keys page and pick this plan.</p>
          ) : (
            <ul className="divide-y divide-zinc-100 border-t border-zinc-100">
              {keyRows.map((key) => (
                <li key={key.id} className="flex items-center gap-3 px-5 py-2.5 text-sm">
                  <span className="min-w-0 flex-1 truncate font-medium text-zinc-900">{key.name}</span>
                  <code className="font-mono text-[12px] text-zinc-500">{key.displayPrefix}…</code>
                  <KeyStatusBadge apiKey={key} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>

      <UsagePlanDialog open={editing} plan={data} onClose={() => setEditing(false)} />
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete “${data.name}”?`}
        description={`Its ${data.keyCount} key(s) stay, without this plan: gateways refuse them on this plan's stages unless another plan covers them.`}
        confirmLabel="Delete plan"
        confirmationText={data.name}
        onConfirm={async () => {
          const result = await remove.mutateAsync(data.id);
          toast({ title: "Usage plan deleted", description: describeNodeOutcomes(result.nodes) });
          router.push("/usage-plans");
        }}
      />
    </>
  );
}
