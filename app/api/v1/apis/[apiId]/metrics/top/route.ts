import { parseParams } from "@/lib/http/parse-params";
import { parseQuery } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { apiTrafficParamsSchema, topQuerySchema } from "@/lib/schemas/traffic";
import { assertTrafficScope } from "@/lib/server/traffic/assert-traffic-scope";
import { getTopTraffic } from "@/lib/server/traffic/query-traffic";
import { ensureFreshTraffic } from "@/lib/server/traffic/traffic-schedule";

export const dynamic = "force-dynamic";

type Params = { apiId: string };

export const GET = withApiHandler<Params>(async ({ request, params }) => {
  const { apiId } = parseParams(apiTrafficParamsSchema, params);
  const query = parseQuery(request, topQuerySchema);
  await assertTrafficScope({ apiId });
  await ensureFreshTraffic();
  return json(await getTopTraffic({ apiId, ...query }));
});
