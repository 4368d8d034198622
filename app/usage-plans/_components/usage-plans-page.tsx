"use client";

import { Gauge, Plus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";

import { TopBar } from "@/components/layout/page-header";
import { useUsagePlansQuery } from "@/components/usage-plans/hooks/use-usage-plans-query";
import { describePlanLimits } from "@/components/usage-plans/describe-plan";
import { UsagePlanDialog } from "@/components/usage-plans/usage-plan-dialog";
import { PermittedButton } from "@/components/auth/permitted-button";
import { EmptyState } from "@/components/ui/empty-state";
import { ListSection } from "@/components/ui/list-section";
import { Skeleton } from "@/components/ui/skeleton";
import { ACTIONS_LABEL, TableHead } from "@/components/ui/table-head";
import type { UsagePlanDto } from "@/lib/schemas/usage-plan";

const COLUMNS = [
  { label: "Name", className: "w-[24%]" },
  { label: "Limits" },
  { label: "API stages", className: "w-[28%]" },
  { label: "Keys", className: "w-20" },
  { label: ACTIONS_LABEL, className: "w-20" },
];

export function UsagePlansPage() {
  const query = useUsagePlansQuery();
  const [editing, setEditing] = useState<{ plan: UsagePlanDto | null } | null>(null);
  const plans = query.data ?? [];

  return (
    <>
      <TopBar crumbs={[{ label: "Usage plans" }]} />
      <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold tracking-tight text-zinc-900">Usage plans</h1>
            <p className="mt-1 text-sm text-zinc-500">Throttles and quotas for the API keys in each plan, on the API stages it covers.</p>
          </div>
          <PermittedButton variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => setEditing({ plan: null })}>
            Create usage plan
          </PermittedButton>
        </div>

        <ListSection
          label="Usage plan list"
          className="mt-6"
          query={query}
          skeleton={
            <div className="flex flex-col gap-3 p-4">
              <Skeleton className="h-6 w-full" />
              <Skeleton className="h-6 w-full" />
            </div>
          }
          errorTitle="Could not load the usage plans"
          isEmpty={plans.length === 0}
          empty={
            <EmptyState
              icon={<Gauge className="size-5" />}
              title="Create your first usage plan"
              description="A plan sets how fast and how much its keys may call the API stages it covers."
              action={
                <PermittedButton
                  variant="primary"
                  icon={<Plus aria-hidden className="size-4" />}
                  onClick={() => setEditing({ plan: null })}
                >
                  Create usage plan
                </PermittedButton>
              }
            />
          }
          loadMoreError="Could not load more usage plans."
        >
          <table className="w-full table-fixed text-sm">
            <TableHead columns={COLUMNS} />
            <tbody className="divide-y divide-zinc-100">
              {plans.map((plan) => (
                <tr key={plan.id}>
                  <td className="px-4 py-3">
                    <Link href={`/usage-plans/${plan.id}`} className="block truncate font-medium text-zinc-900 hover:underline">
                      {plan.name}
                    </Link>
                  </td>
                  <td className="truncate px-4 py-3 text-zinc-600">{describePlanLimits(plan)}</td>
                  <td className="truncate px-4 py-3 font-mono text-[12px] text-zinc-600">
                    {plan.apiStages.map((stage) => `${stage.apiId}/${stage.stage}`).join(", ") || <span className="text-zinc-300">—</span>}
                  </td>
                  <td className="px-4 py-3 text-zinc-600">{plan.keyCount}</td>
                  <td className="px-4 py-2 text-right">
                    <PermittedButton size="sm" variant="ghost" onClick={() => setEditing({ plan })}>
                      Edit
                    </PermittedButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListSection>
      </main>
      <UsagePlanDialog open={editing !== null} plan={editing?.plan ?? null} onClose={() => setEditing(null)} />
    </>
  );
}
