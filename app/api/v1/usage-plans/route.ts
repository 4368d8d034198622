import { parseQuery, readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { createUsagePlanBodySchema, listUsagePlansQuerySchema } from "@/lib/schemas/usage-plan";
import { publishConsumers } from "@/lib/server/api-keys/publish-consumers";
import { createUsagePlan } from "@/lib/server/usage-plans/create-usage-plan";
import { listUsagePlans } from "@/lib/server/usage-plans/list-usage-plans";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(async ({ request }) => {
  return json(await listUsagePlans(parseQuery(request, listUsagePlansQuerySchema)));
});

export const POST = withApiHandler(async ({ request, caller }) => {
  const input = await readJsonBody(request, createUsagePlanBodySchema);
  const usagePlan = await createUsagePlan({ input, actor: caller.actor });
  return json({ usagePlan, nodes: await publishConsumers() }, 201);
});
