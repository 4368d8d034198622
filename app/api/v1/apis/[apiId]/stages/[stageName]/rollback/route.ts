import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { rollbackStageBodySchema, stageParamsSchema } from "@/lib/schemas/stage";
import { rollbackStage } from "@/lib/server/stages/change-stage";
import { getStageOrThrow } from "@/lib/server/stages/list-stages";
import { pushStage } from "@/lib/server/stages/push-stage";

export const dynamic = "force-dynamic";

type Params = { apiId: string; stageName: string };

export const POST = withApiHandler<Params>(async ({ request, params, caller }) => {
  const { apiId, stageName } = parseParams(stageParamsSchema, params);
  const { deploymentId } = await readJsonBody(request, rollbackStageBodySchema);
  await rollbackStage({ apiId, stageName, deploymentId, actor: caller.actor });
  const nodes = await pushStage({ apiId, stageName });
  return json({ stage: await getStageOrThrow({ apiId, stageName }), nodes });
});
