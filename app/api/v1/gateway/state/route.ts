import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { loadExpectedState, stateHash } from "@/lib/server/nodes/expected-state";
import { assertNodeMayPull, assertRegistrationToken } from "@/lib/server/nodes/registration";

export const dynamic = "force-dynamic";

/** Everything a node should serve: every stage's snapshot and the consumers document. */
export const GET = withApiHandler(
  async ({ request }) => {
    assertRegistrationToken(request);
    await assertNodeMayPull(request.headers.get("x-portico-node-id"));
    const state = await loadExpectedState();
    return json({ stateHash: stateHash(state), stages: state.stages, consumers: state.consumers });
  },
  { access: "public" },
);
