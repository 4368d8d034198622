import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { listConsumerKeys } from "@/lib/server/portal/consumer-keys";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(async ({ caller }) => json({ items: await listConsumerKeys({ consumerId: caller.consumer.id }) }), {
  access: "consumer",
});
