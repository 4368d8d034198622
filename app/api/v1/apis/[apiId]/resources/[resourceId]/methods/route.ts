import { parseParams } from "@/lib/http/parse-params";
import { parseQuery, readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { createMethodBodySchema, listMethodsQuerySchema } from "@/lib/schemas/method";
import { resourceParamsSchema } from "@/lib/schemas/resource";
import { createMethod } from "@/lib/server/methods/create-method";
import { listMethods } from "@/lib/server/methods/get-method";

export const dynamic = "force-dynamic";

type Params = { apiId: string; resourceId: string };

export const GET = withApiHandler<Params>(async ({ request, params }) => {
  const address = parseParams(resourceParamsSchema, params);
  const query = parseQuery(request, listMethodsQuerySchema);
  return json(await listMethods({ ...address, ...query }));
});

export const POST = withApiHandler<Params>(async ({ request, params, caller }) => {
  const address = parseParams(resourceParamsSchema, params);
  const input = await readJsonBody(request, createMethodBodySchema);
  return json({ method: await createMethod({ ...address, input, actor: caller.actor }) }, 201);
});
