import { notFound } from "@/lib/errors/api-error";
import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { integrationBodySchema, methodParamsSchema } from "@/lib/schemas/method";
import { getMethodOrThrow } from "@/lib/server/methods/get-method";
import { putIntegration } from "@/lib/server/methods/put-integration";

export const dynamic = "force-dynamic";

type Params = { apiId: string; resourceId: string; httpMethod: string };

export const GET = withApiHandler<Params>(async ({ params }) => {
  const address = parseParams(methodParamsSchema, params);
  const method = await getMethodOrThrow(address);
  if (!method.integration) {
    throw notFound(`The ${method.httpMethod} method has no integration yet; set one with PUT on this address`);
  }
  return json({ integration: method.integration });
});

export const PUT = withApiHandler<Params>(async ({ request, params, caller }) => {
  const address = parseParams(methodParamsSchema, params);
  const input = await readJsonBody(request, integrationBodySchema);
  const { integration, created } = await putIntegration({ ...address, input, actor: caller.actor });
  return json({ integration }, created ? 201 : 200);
});
