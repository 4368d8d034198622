import { parseParams } from "@/lib/http/parse-params";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { subscriptionParamsSchema } from "@/lib/schemas/portal";
import { publishConsumers } from "@/lib/server/api-keys/publish-consumers";
import { claimSubscriptionKey } from "@/lib/server/portal/subscriptions";

export const dynamic = "force-dynamic";

type Params = { subscriptionId: string };

/** The key of an approved subscription, issued to its consumer and shown this once. */
export const POST = withApiHandler<Params, "consumer">(
  async ({ params, caller }) => {
    const { subscriptionId } = parseParams(subscriptionParamsSchema, params);
    const apiKey = await claimSubscriptionKey({ consumerId: caller.consumer.id, subscriptionId, actor: caller.actor });
    await publishConsumers();
    return json({ apiKey }, 201);
  },
  { access: "consumer" },
);
