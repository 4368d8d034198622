import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { describePlanLimits } from "@/components/usage-plans/describe-plan";
import { ApiError } from "@/lib/errors/api-error";
import { findListingOrThrow, toCatalogItem, type ListingRow } from "@/lib/server/portal/listings";
import { listConsumerSubscriptions } from "@/lib/server/portal/subscriptions";

import { requireConsumer } from "../../_components/require-consumer";
import { ListingWorkbench } from "./_components/listing-workbench";
import { ReferenceDocs } from "./_components/reference-docs";

type Props = { params: Promise<{ listingId: string }> };

async function listingOrNotFound(listingId: string): Promise<ListingRow> {
  try {
    return await findListingOrThrow(listingId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { listingId } = await params;
  const listing = await listingOrNotFound(listingId);
  return { title: listing.stage.api.name };
}

export default async function ListingPage({ params }: Props) {
  const { listingId } = await params;
  const consumer = await requireConsumer(`/portal/apis/${listingId}`);
  const item = toCatalogItem(await listingOrNotFound(listingId));
  const subscriptions = (await listConsumerSubscriptions({ consumerId: consumer.id })).filter(
    (subscription) => subscription.listingId === listingId,
  );
  return (
    <main className="flex flex-col gap-8">
      <div>
        <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{item.name}</h1>
        <p className="mt-1 text-sm text-zinc-500">
          Stage {item.stage} · <code className="font-mono text-[13px]">{item.invokeUrl}</code>
        </p>
        {item.description ? <p className="mt-2 max-w-2xl text-sm text-zinc-600">{item.description}</p> : null}
      </div>
      <section aria-labelledby="plans-heading">
        <h2 id="plans-heading" className="text-sm font-semibold text-zinc-900">
          Plans
        </h2>
        <ul className="mt-2 grid gap-2 sm:grid-cols-2">
          {item.plans.map((plan) => (
            <li key={plan.id} className="rounded-lg bg-white px-4 py-3 text-sm ring-1 ring-zinc-200">
              <p className="font-medium text-zinc-900">{plan.name}</p>
              <p className="text-xs text-zinc-600">{describePlanLimits(plan)}</p>
              {plan.description ? <p className="mt-1 text-xs text-zinc-500">{plan.description}</p> : null}
            </li>
          ))}
        </ul>
        {item.approval === "manual" ? <p className="mt-2 text-xs text-zinc-500">The team approves each subscription to this API.</p> : null}
      </section>
      <ListingWorkbench item={item} subscriptions={subscriptions} />
      <section aria-labelledby="docs-heading">
        <h2 id="docs-heading" className="text-sm font-semibold text-zinc-900">
          Reference
        </h2>
        <div className="mt-2 overflow-hidden rounded-xl bg-white ring-1 ring-zinc-200">
          <ReferenceDocs listingId={listingId} />
        </div>
      </section>
    </main>
  );
}
