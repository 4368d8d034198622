import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { stageParamsSchema, updateStageBodySchema } from "@/lib/schemas/stage";
import { updateStage } from "@/lib/server/stages/change-stage";
import { getStageOrThrow } from "@/lib/server/stages/list-stages";
import { pushStage } from "@/lib/server/stages/push-stage";

export const dynamic = "force-dynamic";

type Params = { apiId: string; stageName: string };

export const GET = withApiHandler<Params>(async ({ params }) => {
  const { apiId, stageName } = parseParams(stageParamsSchema, params);
  return json({ stage: await getStageOrThrow({ apiId, stageName }) });
});

/** Stage settings take effect without a new deployment: the stage is pushed again. */
export const PATCH = withApiHandler<Params>(async ({ request, params, caller }) => {
  const { apiId, stageName } = parseParams(stageParamsSchema, params);
  const input = await readJsonBody(request, updateStageBodySchema);
  await updateStage({ apiId, stageName, input, actor: caller.actor });
  const nodes = await pushStage({ apiId, stageName });
  return json({ stage: await getStageOrThrow({ apiId, stageName }), nodes });
});
