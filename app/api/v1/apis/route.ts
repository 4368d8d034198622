import { parseQuery, readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { createApiBodySchema, listApisQuerySchema } from "@/lib/schemas/api";
import { createApi } from "@/lib/server/apis/create-api";
import { listApis } from "@/lib/server/apis/list-apis";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(async ({ request }) => {
  const query = parseQuery(request, listApisQuerySchema);
  return json(await listApis(query));
});

export const POST = withApiHandler(async ({ request, caller }) => {
  const input = await readJsonBody(request, createApiBodySchema);
  const api = await createApi({ input, actor: caller.actor });
  return json({ api }, 201);
});
