import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, noContent, withApiHandler } from "@/lib/http/with-api-handler";
import { authorizerParamsSchema, putAuthorizerBodySchema } from "@/lib/schemas/authorizer";
import { getAuthorizerOrThrow } from "@/lib/server/authorizers/find-authorizer";
import { deleteAuthorizer, replaceAuthorizer } from "@/lib/server/authorizers/write-authorizer";

export const dynamic = "force-dynamic";

type Params = { apiId: string; authorizerId: string };

export const GET = withApiHandler<Params>(async ({ params }) => {
  const address = parseParams(authorizerParamsSchema, params);
  return json({ authorizer: await getAuthorizerOrThrow(address) });
});

export const PUT = withApiHandler<Params>(async ({ request, params, caller }) => {
  const address = parseParams(authorizerParamsSchema, params);
  const input = await readJsonBody(request, putAuthorizerBodySchema);
  return json({ authorizer: await replaceAuthorizer({ ...address, input, actor: caller.actor }) });
});

export const DELETE = withApiHandler<Params>(async ({ params, caller }) => {
  const address = parseParams(authorizerParamsSchema, params);
  await deleteAuthorizer({ ...address, actor: caller.actor });
  return noContent();
});
