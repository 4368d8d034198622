"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { RevealedKey } from "@/components/api-keys/revealed-key";
import { apiRequest, describeError } from "@/components/lib/api-client";
import { formatDateTime } from "@/components/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormAlert } from "@/components/ui/form-alert";
import type { ConsumerApiKeyDto, SubscriptionDto, UsageLineDto } from "@/lib/schemas/portal";

const KEY_TONE = { enabled: "green", expiring: "amber", expired: "neutral", disabled: "neutral", revoked: "red" } as const;
const SUBSCRIPTION_TONE = { active: "green", pending: "amber", rejected: "red" } as const;
const PERIOD_WORDS = { DAY: "today", WEEK: "this week", MONTH: "this month" } as const;
/** A rotated-out key keeps working this long, so clients can switch without failing calls. */
const ROTATION_OVERLAP_SECONDS = 24 * 3600;

export function KeysView({
  keys,
  usage,
  subscriptions,
}: {
  keys: ConsumerApiKeyDto[];
  usage: UsageLineDto[];
  subscriptions: SubscriptionDto[];
}) {
  const router = useRouter();
  const [revoking, setRevoking] = useState<ConsumerApiKeyDto | null>(null);
  const [rotated, setRotated] = useState<{ value: string; displayPrefix: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  async function rotate(key: ConsumerApiKeyDto) {
    setError(null);
    setPending(key.id);
    try {
      const answer = await apiRequest<{ apiKey: { value: string; displayPrefix: string } }>(`/api/v1/portal/api-keys/${key.id}/rotate`, {
        method: "POST",
        body: { gracePeriodSeconds: ROTATION_OVERLAP_SECONDS },
      });
      setRotated(answer.apiKey);
      router.refresh();
    } catch (failure) {
      setError(describeError(failure));
    }
    setPending(null);
  }

  return (
    <main className="flex flex-col gap-8">
      <h1 className="text-xl font-semibold tracking-tight text-zinc-900">Keys and usage</h1>
      <FormAlert message={error} />
      {rotated ? (
        <section aria-label="New key" className="rounded-xl bg-white p-5 ring-1 ring-zinc-200">
          <p className="mb-3 text-sm text-zinc-600">Your new key. The old one keeps working for 24 hours, then stops.</p>
          <RevealedKey value={rotated.value} name={rotated.displayPrefix} />
        </section>
      ) : null}

      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="text-sm font-semibold text-zinc-900">
          Keys
        </h2>
        {keys.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-500">No keys yet: subscribe to an API to get one.</p>
        ) : (
          <table className="mt-2 w-full table-fixed overflow-hidden rounded-xl bg-white text-sm ring-1 ring-zinc-200">
            <thead className="bg-zinc-50 text-left text-xs text-zinc-500">
              <tr>
                <th className="px-4 py-2 font-medium">Key</th>
                <th className="w-28 px-4 py-2 font-medium">Status</th>
                <th className="px-4 py-2 font-medium">Plan</th>
                <th className="w-44 px-4 py-2 font-medium">Created</th>
                <th className="w-44 px-4 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {keys.map((key) => (
                <tr key={key.id} aria-label={`Key ${key.displayPrefix}`}>
                  <td className="truncate px-4 py-3 font-mono text-xs text-zinc-700" title={key.name}>
                    {key.displayPrefix}…
                  </td>
                  <td className="px-4 py-3">
                    <Badge tone={KEY_TONE[key.status]}>{key.status}</Badge>
                  </td>
                  <td className="truncate px-4 py-3 text-zinc-600">{key.usagePlans.map((plan) => plan.name).join(", ")}</td>
                  <td className="px-4 py-3 text-zinc-500">{formatDateTime(key.createdAt)}</td>
                  <td className="px-4 py-3 text-right">
                    {key.status === "enabled" || key.status === "expiring" ? (
                      <div className="flex justify-end gap-1">
                        {key.rotatedToId === null ? (
                          <Button
                            size="sm"
                            variant="ghost"
                            loading={pending === key.id}
                            onClick={() => rotate(key)}
                            aria-label={`Rotate ${key.displayPrefix}`}
                          >
                            Rotate
                          </Button>
                        ) : null}
                        <Button size="sm" variant="ghost" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.displayPrefix}`}>
                          Revoke
                        </Button>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="usage-heading">
        <h2 id="usage-heading" className="text-sm font-semibold text-zinc-900">
          Usage
        </h2>
        {usage.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-500">Usage shows here once you have a key.</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-3">
            {usage.map((line) => (
              <li
                key={`${line.apiKeyId}-${line.usagePlanId}`}
                aria-label={`Usage of ${line.displayPrefix}`}
                className="rounded-xl bg-white p-4 ring-1 ring-zinc-200"
              >
                <p className="text-sm text-zinc-800">
                  <span className="font-mono text-xs">{line.displayPrefix}…</span> · {line.usagePlanName}
                </p>
                <p className="mt-1 text-sm text-zinc-600" data-testid="usage-summary">
                  {line.limit !== null && line.period !== null
                    ? `${line.used} of ${line.limit} requests used ${PERIOD_WORDS[line.period]}, ${line.remaining ?? 0} left`
                    : `${line.used} requests today, no quota`}
                </p>
                <ol aria-label="Requests per day" className="mt-2 flex gap-2 text-xs text-zinc-500">
                  {line.days.map((day) => (
                    <li key={day.date} className="rounded bg-zinc-50 px-2 py-1">
                      <time dateTime={day.date}>{day.date.slice(5)}</time>: {day.used}
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="subscriptions-heading">
        <h2 id="subscriptions-heading" className="text-sm font-semibold text-zinc-900">
          Subscriptions
        </h2>
        {subscriptions.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-500">None yet.</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-2 text-sm">
            {subscriptions.map((subscription) => (
              <li key={subscription.id} className="rounded-lg bg-white px-4 py-3 ring-1 ring-zinc-200">
                <Badge tone={SUBSCRIPTION_TONE[subscription.status]}>{subscription.status}</Badge>{" "}
                <span className="font-medium text-zinc-900">{subscription.apiName}</span> ({subscription.stage}) ·{" "}
                {subscription.usagePlan.name}
                {subscription.note ? <p className="mt-1 text-xs text-zinc-500">Note from the team: {subscription.note}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => (open ? undefined : setRevoking(null))}
        title={`Revoke ${revoking?.displayPrefix ?? "key"}…?`}
        description="Calls with it are refused from now on, on every gateway node. This cannot be undone."
        confirmLabel="Revoke key"
        onConfirm={async () => {
          if (!revoking) return;
          await apiRequest(`/api/v1/portal/api-keys/${revoking.id}/revoke`, { method: "POST" });
          setRevoking(null);
          router.refresh();
        }}
      />
    </main>
  );
}
