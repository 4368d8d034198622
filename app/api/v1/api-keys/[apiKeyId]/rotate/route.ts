import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { apiKeyParamsSchema, rotateApiKeyBodySchema } from "@/lib/schemas/api-key";
import { publishConsumers } from "@/lib/server/api-keys/publish-consumers";
import { rotateApiKey } from "@/lib/server/api-keys/rotate-api-key";

export const dynamic = "force-dynamic";

type Params = { apiKeyId: string };

export const POST = withApiHandler<Params>(async ({ request, params, caller }) => {
  const { apiKeyId } = parseParams(apiKeyParamsSchema, params);
  const { gracePeriodSeconds } = await readJsonBody(request, rotateApiKeyBodySchema);
  const rotated = await rotateApiKey({ apiKeyId, gracePeriodSeconds, actor: caller.actor });
  return json({ ...rotated, nodes: await publishConsumers() }, 201);
});
