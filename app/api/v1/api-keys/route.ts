import { parseQuery, readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { createApiKeyBodySchema, listApiKeysQuerySchema } from "@/lib/schemas/api-key";
import { createApiKey } from "@/lib/server/api-keys/create-api-key";
import { listApiKeys } from "@/lib/server/api-keys/list-api-keys";
import { publishConsumers } from "@/lib/server/api-keys/publish-consumers";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(async ({ request }) => {
  return json(await listApiKeys(parseQuery(request, listApiKeysQuerySchema)));
});

export const POST = withApiHandler(async ({ request, caller }) => {
  const input = await readJsonBody(request, createApiKeyBodySchema);
  const apiKey = await createApiKey({ input, actor: caller.actor });
  return json({ apiKey, nodes: await publishConsumers() }, 201);
});
