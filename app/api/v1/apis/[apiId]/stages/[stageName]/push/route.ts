import { parseParams } from "@/lib/http/parse-params";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { stageParamsSchema } from "@/lib/schemas/stage";
import { getStageOrThrow } from "@/lib/server/stages/list-stages";
import { pushStage } from "@/lib/server/stages/push-stage";

export const dynamic = "force-dynamic";

type Params = { apiId: string; stageName: string };

/** Pushes the stage as it is to every node again: for nodes that failed or timed out earlier. Nodes that have it answer at once. */
export const POST = withApiHandler<Params>(async ({ params }) => {
  const { apiId, stageName } = parseParams(stageParamsSchema, params);
  const stage = await getStageOrThrow({ apiId, stageName });
  return json({ stage, nodes: await pushStage({ apiId, stageName }) });
});
