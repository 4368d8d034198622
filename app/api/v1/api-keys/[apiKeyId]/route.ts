import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { apiKeyParamsSchema, updateApiKeyBodySchema } from "@/lib/schemas/api-key";
import { getApiKeyOrThrow } from "@/lib/server/api-keys/get-api-key";
import { publishConsumers } from "@/lib/server/api-keys/publish-consumers";
import { updateApiKey } from "@/lib/server/api-keys/update-api-key";

export const dynamic = "force-dynamic";

type Params = { apiKeyId: string };

export const GET = withApiHandler<Params>(async ({ params }) => {
  const { apiKeyId } = parseParams(apiKeyParamsSchema, params);
  return json({ apiKey: await getApiKeyOrThrow({ apiKeyId }) });
});

export const PATCH = withApiHandler<Params>(async ({ request, params, caller }) => {
  const { apiKeyId } = parseParams(apiKeyParamsSchema, params);
  const input = await readJsonBody(request, updateApiKeyBodySchema);
  const apiKey = await updateApiKey({ apiKeyId, input, actor: caller.actor });
  return json({ apiKey, nodes: await publishConsumers() });
});
