"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { RevealedKey } from "@/components/api-keys/revealed-key";
import { apiRequest, describeError } from "@/components/lib/api-client";
import { describePlanLimits } from "@/components/usage-plans/describe-plan";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Select } from "@/components/ui/select";
import type { CatalogItemDto, SubscriptionDto } from "@/lib/schemas/portal";

import { TryItPanel } from "./try-it-panel";

type IssuedKey = { id: string; value: string; displayPrefix: string };
type SubscribeAnswer = { subscription: SubscriptionDto; apiKey?: IssuedKey };

const STATUS_TONE = { active: "green", pending: "amber", rejected: "red" } as const;

/** Subscribing, the key shown once, and the try-it panel, which starts with that key. */
export function ListingWorkbench({ item, subscriptions }: { item: CatalogItemDto; subscriptions: SubscriptionDto[] }) {
  const router = useRouter();
  const [planId, setPlanId] = useState(item.plans[0]?.id ?? "");
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const current = subscriptions.find((subscription) => subscription.status !== "rejected");
  const rejected = subscriptions.find((subscription) => subscription.status === "rejected");

  async function run(action: () => Promise<IssuedKey | undefined>) {
    setError(null);
    setPending(true);
    try {
      const key = await action();
      if (key) setIssued(key);
      router.refresh();
    } catch (failure) {
      setError(describeError(failure));
    }
    setPending(false);
  }

  return (
    <>
      <section aria-labelledby="subscription-heading" className="rounded-xl bg-white p-5 ring-1 ring-zinc-200">
        <h2 id="subscription-heading" className="text-sm font-semibold text-zinc-900">
          Subscription
        </h2>
        <FormAlert message={error} />
        {current ? (
          <div className="mt-2 flex flex-col gap-2 text-sm text-zinc-600">
            <p>
              <Badge tone={STATUS_TONE[current.status]}>{current.status}</Badge> with the plan{" "}
              <span className="font-medium text-zinc-900">{current.usagePlan.name}</span>
            </p>
            {current.status === "pending" ? <p>The team will approve or decline your request; this page shows their answer.</p> : null}
            {current.note ? <p>Note from the team: {current.note}</p> : null}
            {current.status === "active" && issued === null ? (
              <div>
                <Button
                  loading={pending}
                  onClick={() =>
                    run(
                      async () =>
                        (await apiRequest<{ apiKey: IssuedKey }>(`/api/v1/portal/subscriptions/${current.id}/api-key`, { method: "POST" }))
                          .apiKey,
                    )
                  }
                >
                  Get a key
                </Button>
                <p className="mt-1 text-xs text-zinc-500">
                  Only when your subscription has no key yet; otherwise rotate it on the Keys page.
                </p>
              </div>
            ) : null}
          </div>
        ) : (
          <div className="mt-3 flex flex-wrap items-end gap-3">
            {rejected ? (
              <p className="w-full text-sm text-zinc-600">
                Your earlier request was declined{rejected.note ? `: ${rejected.note}` : "."} You may ask again.
              </p>
            ) : null}
            <Field label="Plan" className="min-w-64">
              <Select
                value={planId}
                onChange={(event) => setPlanId(event.target.value)}
                options={item.plans.map((plan) => ({ value: plan.id, label: `${plan.name} (${describePlanLimits(plan)})` }))}
              />
            </Field>
            <Button
              variant="primary"
              loading={pending}
              onClick={() =>
                run(async () => {
                  const answer = await apiRequest<SubscribeAnswer>("/api/v1/portal/subscriptions", {
                    method: "POST",
                    body: { listingId: item.listingId, usagePlanId: planId },
                  });
                  return answer.apiKey;
                })
              }
            >
              Subscribe
            </Button>
          </div>
        )}
        {issued ? (
          <div className="mt-4">
            <RevealedKey value={issued.value} name={issued.displayPrefix} />
          </div>
        ) : null}
      </section>
      {/* Mounted afresh when a key is issued here, so that it starts with that key. */}
      <TryItPanel key={issued?.value ?? "no key"} listingId={item.listingId} initialKey={issued?.value ?? ""} />
    </>
  );
}
