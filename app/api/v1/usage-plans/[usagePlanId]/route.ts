import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { updateUsagePlanBodySchema, usagePlanParamsSchema } from "@/lib/schemas/usage-plan";
import { publishConsumers } from "@/lib/server/api-keys/publish-consumers";
import { deleteUsagePlan } from "@/lib/server/usage-plans/delete-usage-plan";
import { getUsagePlanOrThrow } from "@/lib/server/usage-plans/get-usage-plan";
import { updateUsagePlan } from "@/lib/server/usage-plans/update-usage-plan";

export const dynamic = "force-dynamic";

type Params = { usagePlanId: string };

export const GET = withApiHandler<Params>(async ({ params }) => {
  const { usagePlanId } = parseParams(usagePlanParamsSchema, params);
  return json({ usagePlan: await getUsagePlanOrThrow({ usagePlanId }) });
});

export const PATCH = withApiHandler<Params>(async ({ request, params, caller }) => {
  const { usagePlanId } = parseParams(usagePlanParamsSchema, params);
  const input = await readJsonBody(request, updateUsagePlanBodySchema);
  const usagePlan = await updateUsagePlan({ usagePlanId, input, actor: caller.actor });
  return json({ usagePlan, nodes: await publishConsumers() });
});

export const DELETE = withApiHandler<Params>(async ({ params, caller }) => {
  const { usagePlanId } = parseParams(usagePlanParamsSchema, params);
  await deleteUsagePlan({ usagePlanId, actor: caller.actor });
  return json({ nodes: await publishConsumers() });
});
