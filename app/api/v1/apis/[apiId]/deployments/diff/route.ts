import { parseParams } from "@/lib/http/parse-params";
import { parseQuery } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { apiParamsSchema } from "@/lib/schemas/api";
import { diffQuerySchema } from "@/lib/schemas/deployment";
import { diffDeployments } from "@/lib/server/deployments/list-deployments";

export const dynamic = "force-dynamic";

type Params = { apiId: string };

export const GET = withApiHandler<Params>(async ({ request, params }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  const { from, to } = parseQuery(request, diffQuerySchema);
  return json({ diff: await diffDeployments({ apiId, from, to }) });
});
