import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { promoteStageBodySchema, stageParamsSchema } from "@/lib/schemas/stage";
import { promoteStage } from "@/lib/server/stages/change-stage";
import { getStageOrThrow } from "@/lib/server/stages/list-stages";
import { pushStage } from "@/lib/server/stages/push-stage";

export const dynamic = "force-dynamic";

type Params = { apiId: string; stageName: string };

/** Points `to` at this stage's deployment (creating `to` if needed) and pushes it. */
export const POST = withApiHandler<Params>(async ({ request, params, caller }) => {
  const { apiId, stageName } = parseParams(stageParamsSchema, params);
  const { to } = await readJsonBody(request, promoteStageBodySchema);
  await promoteStage({ apiId, from: stageName, to, actor: caller.actor });
  const nodes = await pushStage({ apiId, stageName: to });
  return json({ stage: await getStageOrThrow({ apiId, stageName: to }), nodes });
});
