import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { getConsumerUsage } from "@/lib/server/portal/consumer-usage";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(async ({ caller }) => json({ items: await getConsumerUsage({ consumerId: caller.consumer.id }) }), {
  access: "consumer",
});
