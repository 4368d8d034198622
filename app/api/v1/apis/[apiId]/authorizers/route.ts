import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { apiParamsSchema } from "@/lib/schemas/api";
import { createAuthorizerBodySchema } from "@/lib/schemas/authorizer";
import { listAuthorizers } from "@/lib/server/authorizers/list-authorizers";
import { createAuthorizer } from "@/lib/server/authorizers/write-authorizer";

export const dynamic = "force-dynamic";

type Params = { apiId: string };

export const GET = withApiHandler<Params>(async ({ params }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  return json(await listAuthorizers({ apiId }));
});

export const POST = withApiHandler<Params>(async ({ request, params, caller }) => {
  const { apiId } = parseParams(apiParamsSchema, params);
  const input = await readJsonBody(request, createAuthorizerBodySchema);
  return json({ authorizer: await createAuthorizer({ apiId, input, actor: caller.actor }) }, 201);
});
