"use client";

import { useMemo, useState, type FormEvent } from "react";

import { useCreateListingMutation, useDeleteListingMutation, useListingsQuery } from "@/components/portal/use-portal-admin-queries";
import { useUsagePlansQuery } from "@/components/usage-plans/hooks/use-usage-plans-query";
import { describePlanLimits } from "@/components/usage-plans/describe-plan";
import { describeError } from "@/components/lib/api-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";

import { Section } from "./section";

/** Stages that some usage plan covers: only those can be offered with a plan. */
function offerableStages(plans: { apiStages: { apiId: string; stage: string }[] }[]): string[] {
  return [...new Set(plans.flatMap((plan) => plan.apiStages.map((ref) => `${ref.apiId}/${ref.stage}`)))].sort();
}

export function ListingsSection() {
  const listings = useListingsQuery();
  const plans = useUsagePlansQuery();
  const create = useCreateListingMutation();
  const remove = useDeleteListingMutation();
  const [stageKey, setStageKey] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [approval, setApproval] = useState<"auto" | "manual">("auto");
  const [error, setError] = useState<string | null>(null);

  const stages = useMemo(() => offerableStages(plans.data ?? []), [plans.data]);
  const listed = new Set((listings.data ?? []).map((listing) => `${listing.apiId}/${listing.stage}`));
  const selectedStage = stageKey || stages.find((key) => !listed.has(key)) || "";
  const [apiId, stage] = selectedStage.split("/");
  const stagePlans = (plans.data ?? []).filter((plan) => plan.apiStages.some((ref) => ref.apiId === apiId && ref.stage === stage));

  async function publish(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await create.mutateAsync({ apiId, stage, usagePlanIds: chosen.filter((id) => stagePlans.some((plan) => plan.id === id)), approval });
      setChosen([]);
      setStageKey("");
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <Section title="Listings" description="API stages in the portal's catalog, with the usage plans consumers may pick.">
      {listings.isPending ? (
        <Skeleton className="h-16" />
      ) : (
        <ul className="flex flex-col gap-2">
          {(listings.data ?? []).map((listing) => (
            <li
              key={listing.id}
              aria-label={`Listing ${listing.name} (${listing.stage})`}
              className="flex flex-wrap items-center gap-3 rounded-lg bg-white px-4 py-3 text-sm ring-1 ring-zinc-200"
            >
              <div className="min-w-64 flex-1">
                <p className="font-medium text-zinc-900">
                  {listing.name} <span className="font-normal text-zinc-500">({listing.stage})</span>
                </p>
                <p className="text-xs text-zinc-500">
                  {listing.plans.map((plan) => `${plan.name}: ${describePlanLimits(plan)}`).join(" · ")}
                </p>
              </div>
              <Badge tone={listing.approval === "auto" ? "green" : "amber"}>
                {listing.approval === "auto" ? "automatic approval" : "approval needed"}
              </Badge>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => remove.mutate(listing.id)}
                aria-label={`Unpublish ${listing.name} (${listing.stage})`}
              >
                Unpublish
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={publish}
        aria-label="Publish a stage"
        className="mt-4 flex flex-col gap-3 rounded-lg bg-zinc-50 p-4 ring-1 ring-zinc-200"
      >
        <FormAlert message={error} />
        {stages.length === 0 ? (
          <p className="text-sm text-zinc-500">Add an API stage to a usage plan first: a listing offers plans that cover its stage.</p>
        ) : (
          <>
            <div className="flex flex-wrap gap-3">
              <Field label="API stage" className="min-w-64">
                <Select
                  value={selectedStage}
                  onChange={(event) => setStageKey(event.target.value)}
                  options={stages.map((key) => ({
                    value: key,
                    label: listed.has(key) ? `${key} (listed)` : key,
                    disabled: listed.has(key),
                  }))}
                />
              </Field>
              <Field label="Subscriptions" className="w-56">
                <Select
                  value={approval}
                  onChange={(event) => setApproval(event.target.value as "auto" | "manual")}
                  options={[
                    { value: "auto", label: "Approved automatically" },
                    { value: "manual", label: "Approved by an admin" },
                  ]}
                />
              </Field>
            </div>
            <fieldset className="flex flex-col gap-1.5">
              <legend className="mb-1 text-[13px] font-medium text-zinc-800">Plans offered</legend>
              {stagePlans.map((plan) => (
                <label key={plan.id} className="flex items-center gap-2 text-sm text-zinc-700">
                  <input
                    type="checkbox"
                    checked={chosen.includes(plan.id)}
                    onChange={(event) => setChosen(event.target.checked ? [...chosen, plan.id] : chosen.filter((id) => id !== plan.id))}
                  />
                  {plan.name}
                  <span className="text-xs text-zinc-500">{describePlanLimits(plan)}</span>
                </label>
              ))}
            </fieldset>
            <div>
              <Button type="submit" variant="primary" loading={create.isPending}>
                Publish
              </Button>
            </div>
          </>
        )}
      </form>
    </Section>
  );
}
