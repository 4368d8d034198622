import { parseParams } from "@/lib/http/parse-params";
import { parseQuery, readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { apiParamsSchema } from "@/lib/schemas/api";
import { createResourceBodySchema, listResourcesQuerySchema } from "@/lib/schemas/resource";
import { createResource } from "@/lib/server/resources/create-resource";
import { listResources } from "@/lib/server/resources/list-resources";

export const dynamic = "force-dynamic";

type Params = { apiId: string };

export const GET = withApiHandler<Params>(async ({ request, params }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  const query = parseQuery(request, listResourcesQuerySchema);
  return json(await listResources({ apiId, query }));
});

export const POST = withApiHandler<Params>(async ({ request, params, caller }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  const input = await readJsonBody(request, createResourceBodySchema);
  return json({ resource: await createResource({ apiId, input, actor: caller.actor }) }, 201);
});
