import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { decideRequestBodySchema, requestParamsSchema } from "@/lib/schemas/portal";
import { decideRequest } from "@/lib/server/portal/subscriptions";

export const dynamic = "force-dynamic";

type Params = { requestId: string };

export const POST = withApiHandler<Params, "admin">(
  async ({ request, params, caller }) => {
    const { requestId } = parseParams(requestParamsSchema, params);
    const { note } = request.headers.has("content-type") ? await readJsonBody(request, decideRequestBodySchema) : { note: "" };
    return json(await decideRequest({ requestId, decision: "approve", note, actor: caller.actor }));
  },
  { access: "admin" },
);
