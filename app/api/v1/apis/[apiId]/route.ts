import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, noContent, withApiHandler } from "@/lib/http/with-api-handler";
import { apiParamsSchema, updateApiBodySchema } from "@/lib/schemas/api";
import { deleteApi } from "@/lib/server/apis/delete-api";
import { getApiOrThrow } from "@/lib/server/apis/get-api";
import { updateApi } from "@/lib/server/apis/update-api";

export const dynamic = "force-dynamic";

type Params = { apiId: string };

export const GET = withApiHandler<Params>(async ({ params }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  return json({ api: await getApiOrThrow({ apiId }) });
});

export const PATCH = withApiHandler<Params>(async ({ request, params, caller }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  const input = await readJsonBody(request, updateApiBodySchema);
  return json({ api: await updateApi({ apiId, input, actor: caller.actor }) });
});

export const DELETE = withApiHandler<Params>(async ({ params, caller }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  await deleteApi({ apiId, actor: caller.actor });
  return noContent();
});
