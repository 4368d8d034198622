import { parseParams } from "@/lib/http/parse-params";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { stageParamsSchema } from "@/lib/schemas/stage";
import { stageUndeployedDiff } from "@/lib/server/stages/undeployed-diff";

export const dynamic = "force-dynamic";

type Params = { apiId: string; stageName: string };

/** Undeployed changes: the API's current definition compared with what the stage serves. */
export const GET = withApiHandler<Params>(async ({ params }) => {
  const { apiId, stageName } = parseParams(stageParamsSchema, params);
  return json(await stageUndeployedDiff({ apiId, stageName }));
});
