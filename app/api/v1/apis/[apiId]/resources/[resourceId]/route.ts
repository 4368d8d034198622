import { parseParams } from "@/lib/http/parse-params";
import { parseQuery, readJsonBody } from "@/lib/http/read-json-body";
import { json, noContent, withApiHandler } from "@/lib/http/with-api-handler";
import { deleteResourceQuerySchema, resourceParamsSchema, updateResourceBodySchema } from "@/lib/schemas/resource";
import { deleteResource } from "@/lib/server/resources/delete-resource";
import { getResourceOrThrow } from "@/lib/server/resources/get-resource";
import { renameResource } from "@/lib/server/resources/rename-resource";

export const dynamic = "force-dynamic";

type Params = { apiId: string; resourceId: string };

export const GET = withApiHandler<Params>(async ({ params }) => {
  const address = parseParams(resourceParamsSchema, params);
  return json({ resource: await getResourceOrThrow(address) });
});

export const PATCH = withApiHandler<Params>(async ({ request, params, caller }) => {
  const address = parseParams(resourceParamsSchema, params);
  const { pathPart } = await readJsonBody(request, updateResourceBodySchema);
  return json({ resource: await renameResource({ ...address, pathPart, actor: caller.actor }) });
});

export const DELETE = withApiHandler<Params>(async ({ request, params, caller }) => {
  const address = parseParams(resourceParamsSchema, params);
  const { recursive } = parseQuery(request, deleteResourceQuerySchema);
  await deleteResource({ ...address, recursive: recursive ?? false, actor: caller.actor });
  return noContent();
});
