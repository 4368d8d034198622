import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { createSubscriptionBodySchema } from "@/lib/schemas/portal";
import { publishConsumers } from "@/lib/server/api-keys/publish-consumers";
import { listConsumerSubscriptions, subscribe } from "@/lib/server/portal/subscriptions";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(
  async ({ caller }) => json({ items: await listConsumerSubscriptions({ consumerId: caller.consumer.id }) }),
  { access: "consumer" },
);

export const POST = withApiHandler(
  async ({ request, caller }) => {
    const input = await readJsonBody(request, createSubscriptionBodySchema);
    const result = await subscribe({ consumerId: caller.consumer.id, input, actor: caller.actor });
    // A new key reaches every gateway node before the answer, so it works as soon as it is shown.
    if (result.apiKey !== undefined) await publishConsumers();
    return json(result, 201);
  },
  { access: "consumer" },
);
