import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { tryItBodySchema } from "@/lib/schemas/portal";
import { tryIt } from "@/lib/server/portal/try-it";

export const dynamic = "force-dynamic";

/** Calls the listed stage through the gateway with one of the consumer's keys, and answers what the gateway answered. */
export const POST = withApiHandler(
  async ({ request, caller }) => {
    const input = await readJsonBody(request, tryItBodySchema);
    return json(await tryIt({ consumerId: caller.consumer.id, input }));
  },
  { access: "consumer" },
);
