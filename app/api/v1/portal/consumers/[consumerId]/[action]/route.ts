import { z } from "zod";

import { parseParams } from "@/lib/http/parse-params";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { consumerParamsSchema } from "@/lib/schemas/portal";
import { publishConsumers } from "@/lib/server/api-keys/publish-consumers";
import { changeConsumer } from "@/lib/server/portal/manage-consumers";

export const dynamic = "force-dynamic";

type Params = { consumerId: string; action: string };

const paramsSchema = consumerParamsSchema.extend({ action: z.enum(["approve", "reject", "disable", "enable"]) });

/** POST /api/v1/portal/consumers/{id}/approve|reject|disable|enable. Disabling a consumer disables their keys on every node before it answers. */
export const POST = withApiHandler<Params, "admin">(
  async ({ params, caller }) => {
    const { consumerId, action } = parseParams(paramsSchema, params);
    const { consumer, changesKeys } = await changeConsumer({ consumerId, action, actor: caller.actor });
    return json({ consumer, nodes: changesKeys ? await publishConsumers() : [] });
  },
  { access: "admin" },
);
