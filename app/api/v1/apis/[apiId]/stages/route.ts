import { parseParams } from "@/lib/http/parse-params";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { apiParamsSchema } from "@/lib/schemas/api";
import { listStages } from "@/lib/server/stages/list-stages";

export const dynamic = "force-dynamic";

type Params = { apiId: string };

export const GET = withApiHandler<Params>(async ({ params }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  return json({ items: await listStages({ apiId }), nextCursor: null });
});
