import { parseParams } from "@/lib/http/parse-params";
import { parseQuery, readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { apiParamsSchema } from "@/lib/schemas/api";
import { createModelBodySchema, listModelsQuerySchema } from "@/lib/schemas/model";
import { createModel } from "@/lib/server/models/create-model";
import { listModels } from "@/lib/server/models/list-models";

export const dynamic = "force-dynamic";

type Params = { apiId: string };

export const GET = withApiHandler<Params>(async ({ request, params }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  const query = parseQuery(request, listModelsQuerySchema);
  return json(await listModels({ apiId, ...query }));
});

export const POST = withApiHandler<Params>(async ({ request, params, caller }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  const input = await readJsonBody(request, createModelBodySchema);
  return json({ model: await createModel({ apiId, input, actor: caller.actor }) }, 201);
});
