import { parseParams } from "@/lib/http/parse-params";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { stageParamsSchema } from "@/lib/schemas/stage";
import { discardCanary } from "@/lib/server/stages/change-stage";
import { getStageOrThrow } from "@/lib/server/stages/list-stages";
import { pushStage } from "@/lib/server/stages/push-stage";

export const dynamic = "force-dynamic";

type Params = { apiId: string; stageName: string };

/** Discards the canary: all traffic returns to the stage's deployment. */
export const DELETE = withApiHandler<Params>(async ({ params, caller }) => {
  const { apiId, stageName } = parseParams(stageParamsSchema, params);
  await discardCanary({ apiId, stageName, actor: caller.actor });
  const nodes = await pushStage({ apiId, stageName });
  return json({ stage: await getStageOrThrow({ apiId, stageName }), nodes });
});
