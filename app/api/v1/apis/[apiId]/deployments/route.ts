import { parseParams } from "@/lib/http/parse-params";
import { parseQuery, readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { apiParamsSchema } from "@/lib/schemas/api";
import { createDeploymentBodySchema, listDeploymentsQuerySchema } from "@/lib/schemas/deployment";
import { createDeployment } from "@/lib/server/deployments/create-deployment";
import { listDeployments } from "@/lib/server/deployments/list-deployments";
import { pushStage } from "@/lib/server/stages/push-stage";

export const dynamic = "force-dynamic";

type Params = { apiId: string };

export const GET = withApiHandler<Params>(async ({ request, params }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  const query = parseQuery(request, listDeploymentsQuerySchema);
  return json(await listDeployments({ apiId, ...query }));
});

/** Answers once every gateway node acknowledged, refused or timed out; `nodes` says which. */
export const POST = withApiHandler<Params>(async ({ request, params, caller }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  const input = await readJsonBody(request, createDeploymentBodySchema);
  const deployment = await createDeployment({ apiId, input, actor: caller.actor });
  const nodes = await pushStage({ apiId, stageName: input.stageName });
  return json({ deployment, stage: input.stageName, nodes }, 201);
});
