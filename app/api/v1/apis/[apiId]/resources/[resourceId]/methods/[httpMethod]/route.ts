import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, noContent, withApiHandler } from "@/lib/http/with-api-handler";
import { methodParamsSchema, putMethodBodySchema, updateMethodBodySchema } from "@/lib/schemas/method";
import { deleteMethod } from "@/lib/server/methods/delete-method";
import { getMethodOrThrow } from "@/lib/server/methods/get-method";
import { putMethod } from "@/lib/server/methods/put-method";
import { updateMethod } from "@/lib/server/methods/update-method";

export const dynamic = "force-dynamic";

type Params = { apiId: string; resourceId: string; httpMethod: string };

export const GET = withApiHandler<Params>(async ({ params }) => {
  const address = parseParams(methodParamsSchema, params);
  return json({ method: await getMethodOrThrow(address) });
});

export const PUT = withApiHandler<Params>(async ({ request, params, caller }) => {
  const address = parseParams(methodParamsSchema, params);
  const input = await readJsonBody(request, putMethodBodySchema);
  const { method, created } = await putMethod({ ...address, input, actor: caller.actor });
  return json({ method }, created ? 201 : 200);
});

export const PATCH = withApiHandler<Params>(async ({ request, params, caller }) => {
  const address = parseParams(methodParamsSchema, params);
  const input = await readJsonBody(request, updateMethodBodySchema);
  return json({ method: await updateMethod({ ...address, input, actor: caller.actor }) });
});

export const DELETE = withApiHandler<Params>(async ({ params, caller }) => {
  const address = parseParams(methodParamsSchema, params);
  await deleteMethod({ ...address, actor: caller.actor });
  return noContent();
});
