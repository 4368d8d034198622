import type { Metadata } from "next";
import Link from "next/link";

import { describePlanLimits } from "@/components/usage-plans/describe-plan";
import { listListings, toCatalogItem } from "@/lib/server/portal/listings";
import { getPortalSettings } from "@/lib/server/portal/settings";

import { requireConsumer } from "./_components/require-consumer";

export const metadata: Metadata = { title: "APIs" };

export default async function CatalogPage() {
  await requireConsumer("/portal");
  const [settings, listings] = await Promise.all([getPortalSettings(), listListings()]);
  const items = listings.map(toCatalogItem);
  return (
    <main>
      <h1 className="text-xl font-semibold tracking-tight text-zinc-900">APIs</h1>
      {settings.intro ? <p className="mt-2 max-w-2xl text-sm whitespace-pre-line text-zinc-600">{settings.intro}</p> : null}
      {items.length === 0 ? (
        <p className="mt-8 text-sm text-zinc-500">No API is published here yet.</p>
      ) : (
        <ul aria-label="APIs" className="mt-6 grid gap-4 sm:grid-cols-2">
          {items.map((item) => (
            <li key={item.listingId} className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-zinc-200">
              <Link href={`/portal/apis/${item.listingId}`} className="text-[15px] font-semibold text-zinc-900 hover:underline">
                {item.name}
              </Link>
              <p className="mt-0.5 text-xs text-zinc-500">Stage {item.stage}</p>
              {item.description ? <p className="mt-2 line-clamp-3 text-sm text-zinc-600">{item.description}</p> : null}
              <ul className="mt-3 flex flex-col gap-1 text-xs text-zinc-600">
                {item.plans.map((plan) => (
                  <li key={plan.id}>
                    <span className="font-medium text-zinc-800">{plan.name}</span>: {describePlanLimits(plan)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
