import type { Metadata } from "next";

import { listConsumerKeys } from "@/lib/server/portal/consumer-keys";
import { getConsumerUsage } from "@/lib/server/portal/consumer-usage";
import { listConsumerSubscriptions } from "@/lib/server/portal/subscriptions";

import { requireConsumer } from "../_components/require-consumer";
import { KeysView } from "./_components/keys-view";

export const metadata: Metadata = { title: "Keys and usage" };

export default async function KeysPage() {
  const consumer = await requireConsumer("/portal/keys");
  const [keys, usage, subscriptions] = await Promise.all([
    listConsumerKeys({ consumerId: consumer.id }),
    getConsumerUsage({ consumerId: consumer.id }),
    listConsumerSubscriptions({ consumerId: consumer.id }),
  ]);
  return <KeysView keys={keys} usage={usage} subscriptions={subscriptions} />;
}
