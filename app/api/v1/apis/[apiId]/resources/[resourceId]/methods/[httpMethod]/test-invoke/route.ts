import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { methodParamsSchema } from "@/lib/schemas/method";
import { methodTestInvokeBodySchema } from "@/lib/schemas/method-test-invoke";
import { testInvokeMethod } from "@/lib/server/methods/test-invoke-method";

export const dynamic = "force-dynamic";

type Params = { apiId: string; resourceId: string; httpMethod: string };

/** Runs one request through the method as saved, without deploying it, and shows each step of its integration. */
export const POST = withApiHandler<Params>(async ({ request, params }) => {
  const address = parseParams(methodParamsSchema, params);
  const input = await readJsonBody(request, methodTestInvokeBodySchema);
  return json({ result: await testInvokeMethod({ ...address, input }) });
});
