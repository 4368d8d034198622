import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { loadExpectedState, stateHash } from "@/lib/server/nodes/expected-state";
import { assertRegistrationToken } from "@/lib/server/nodes/registration";

export const dynamic = "force-dynamic";

/** Everything a node should serve: every stage's snapshot and the consumers document. */
export const GET = withApiHandler(async ({ request }) => {
  assertRegistrationToken(request);
  const state = await loadExpectedState();
  return json({ stateHash: stateHash(state), stages: state.stages, consumers: state.consumers });
}, { access: "public" });
