import { parseParams } from "@/lib/http/parse-params";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { apiKeyParamsSchema } from "@/lib/schemas/api-key";
import { publishConsumers } from "@/lib/server/api-keys/publish-consumers";
import { revokeConsumerKey } from "@/lib/server/portal/consumer-keys";

export const dynamic = "force-dynamic";

type Params = { apiKeyId: string };

export const POST = withApiHandler<Params, "consumer">(
  async ({ params, caller }) => {
    const { apiKeyId } = parseParams(apiKeyParamsSchema, params);
    const apiKey = await revokeConsumerKey({ consumerId: caller.consumer.id, apiKeyId, actor: caller.actor });
    return json({ apiKey, nodes: await publishConsumers() });
  },
  { access: "consumer" },
);
