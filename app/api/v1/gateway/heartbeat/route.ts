import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { heartbeatBodySchema } from "@/lib/schemas/node";
import { loadExpectedState, stateHash } from "@/lib/server/nodes/expected-state";
import { assertRegistrationToken, recordHeartbeat } from "@/lib/server/nodes/registration";

export const dynamic = "force-dynamic";

/** Answers with the hash of the whole expected state, so a node that missed a push knows to pull. */
export const POST = withApiHandler(
  async ({ request }) => {
    assertRegistrationToken(request);
    const input = await readJsonBody(request, heartbeatBodySchema);
    await recordHeartbeat(input);
    return json({ stateHash: stateHash(await loadExpectedState()) });
  },
  { access: "public" },
);
