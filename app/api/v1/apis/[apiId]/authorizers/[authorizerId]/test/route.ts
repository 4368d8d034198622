import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { authorizerParamsSchema, testAuthorizerBodySchema } from "@/lib/schemas/authorizer";
import { testAuthorizer } from "@/lib/server/authorizers/test-authorizer";

export const dynamic = "force-dynamic";

type Params = { apiId: string; authorizerId: string };

export const POST = withApiHandler<Params>(async ({ request, params }) => {
  const address = parseParams(authorizerParamsSchema, params);
  const input = await readJsonBody(request, testAuthorizerBodySchema);
  return json({ result: await testAuthorizer({ ...address, input }) });
});
