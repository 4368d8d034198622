import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { stageParamsSchema, testInvokeBodySchema } from "@/lib/schemas/stage";
import { testInvokeStage } from "@/lib/server/stages/test-invoke";

export const dynamic = "force-dynamic";

type Params = { apiId: string; stageName: string };

/** Sends one request through the gateway to this stage (never anywhere else) and reports what came back. */
export const POST = withApiHandler<Params>(async ({ request, params }) => {
  const { apiId, stageName } = parseParams(stageParamsSchema, params);
  const input = await readJsonBody(request, testInvokeBodySchema);
  return json({ result: await testInvokeStage({ apiId, stageName, input }) });
});
