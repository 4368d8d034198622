import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { registerNodeBodySchema } from "@/lib/schemas/node";
import { assertRegistrationToken, HEARTBEAT_INTERVAL_MS, registerNode } from "@/lib/server/nodes/registration";

export const dynamic = "force-dynamic";

/** A gateway node announces itself; it then pulls the state and sends heartbeats. */
export const POST = withApiHandler(
  async ({ request }) => {
    assertRegistrationToken(request);
    const input = await readJsonBody(request, registerNodeBodySchema);
    return json({ node: await registerNode(input), heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS }, 201);
  },
  { access: "public" },
);
