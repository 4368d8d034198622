import { parseParams } from "@/lib/http/parse-params";
import { parseQuery } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { requestsQuerySchema, stageTrafficParamsSchema } from "@/lib/schemas/traffic";
import { assertTrafficScope } from "@/lib/server/traffic/assert-traffic-scope";
import { listRecentRequests } from "@/lib/server/traffic/list-recent-requests";

export const dynamic = "force-dynamic";

type Params = { apiId: string; stageName: string };

export const GET = withApiHandler<Params>(async ({ request, params }) => {
  const { apiId, stageName } = parseParams(stageTrafficParamsSchema, params);
  const query = parseQuery(request, requestsQuerySchema);
  await assertTrafficScope({ apiId, stage: stageName });
  return json(await listRecentRequests({ apiId, stage: stageName, query }));
});
