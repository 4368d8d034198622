import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, noContent, withApiHandler } from "@/lib/http/with-api-handler";
import { modelParamsSchema, updateModelBodySchema } from "@/lib/schemas/model";
import { deleteModel } from "@/lib/server/models/delete-model";
import { getModelOrThrow } from "@/lib/server/models/find-model";
import { updateModel } from "@/lib/server/models/update-model";

export const dynamic = "force-dynamic";

type Params = { apiId: string; modelId: string };

export const GET = withApiHandler<Params>(async ({ params }) => {
  const address = parseParams(modelParamsSchema, params);
  return json({ model: await getModelOrThrow(address) });
});

export const PATCH = withApiHandler<Params>(async ({ request, params, caller }) => {
  const address = parseParams(modelParamsSchema, params);
  const input = await readJsonBody(request, updateModelBodySchema);
  return json({ model: await updateModel({ ...address, input, actor: caller.actor }) });
});

export const DELETE = withApiHandler<Params>(async ({ params, caller }) => {
  const address = parseParams(modelParamsSchema, params);
  await deleteModel({ ...address, actor: caller.actor });
  return noContent();
});
