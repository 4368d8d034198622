import { parseParams } from "@/lib/http/parse-params";
import { parseQuery } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { apiParamsSchema } from "@/lib/schemas/api";
import { listStagesQuerySchema } from "@/lib/schemas/stage";
import { listStages } from "@/lib/server/stages/list-stages";

export const dynamic = "force-dynamic";

type Params = { apiId: string };

export const GET = withApiHandler<Params>(async ({ request, params }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  const query = parseQuery(request, listStagesQuerySchema);
  return json(await listStages({ apiId, ...query }));
});
