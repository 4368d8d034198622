import { parseParams } from "@/lib/http/parse-params";
import { parseQuery } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { usagePlanParamsSchema, usagePlanUsageQuerySchema } from "@/lib/schemas/usage-plan";
import { getUsagePlanUsage } from "@/lib/server/usage/get-usage";

export const dynamic = "force-dynamic";

type Params = { usagePlanId: string };

export const GET = withApiHandler<Params>(async ({ request, params }) => {
  const { usagePlanId } = parseParams(usagePlanParamsSchema, params);
  const { keyId, startDate, endDate } = parseQuery(request, usagePlanUsageQuerySchema);
  return json(await getUsagePlanUsage({ usagePlanId, apiKeyId: keyId, startDate, endDate }));
});
