import { parseParams } from "@/lib/http/parse-params";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { deploymentParamsSchema } from "@/lib/schemas/deployment";
import { getDeploymentOrThrow } from "@/lib/server/deployments/list-deployments";

export const dynamic = "force-dynamic";

type Params = { apiId: string; deploymentId: string };

export const GET = withApiHandler<Params>(async ({ params }) => {
  const { apiId, deploymentId } = parseParams(deploymentParamsSchema, params);
  return json({ deployment: await getDeploymentOrThrow({ apiId, deploymentId }) });
});
