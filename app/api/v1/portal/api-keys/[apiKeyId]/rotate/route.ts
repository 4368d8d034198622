import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { apiKeyParamsSchema } from "@/lib/schemas/api-key";
import { consumerRotateBodySchema } from "@/lib/schemas/portal";
import { publishConsumers } from "@/lib/server/api-keys/publish-consumers";
import { rotateConsumerKey } from "@/lib/server/portal/consumer-keys";

export const dynamic = "force-dynamic";

type Params = { apiKeyId: string };

export const POST = withApiHandler<Params, "consumer">(
  async ({ request, params, caller }) => {
    const { apiKeyId } = parseParams(apiKeyParamsSchema, params);
    const { gracePeriodSeconds } = await readJsonBody(request, consumerRotateBodySchema);
    const rotated = await rotateConsumerKey({ consumerId: caller.consumer.id, apiKeyId, gracePeriodSeconds, actor: caller.actor });
    return json({ ...rotated, nodes: await publishConsumers() }, 201);
  },
  { access: "consumer" },
);
