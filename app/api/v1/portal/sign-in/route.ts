import { withConsumerCookie } from "@/lib/http/portal-session-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withApiHandler } from "@/lib/http/with-api-handler";
import { consumerSignInBodySchema } from "@/lib/schemas/portal";
import { consumerCookieOf } from "@/lib/server/portal/consumer-sessions";
import { signInConsumer } from "@/lib/server/portal/sign-in-consumer";

export const dynamic = "force-dynamic";

export const POST = withApiHandler(
  async ({ request, caller, requestId }) => {
    const input = await readJsonBody(request, consumerSignInBodySchema);
    const session = await signInConsumer({ input, client: caller.client, requestId, previousCookie: consumerCookieOf(request) });
    return withConsumerCookie(request, { consumer: session.consumer }, session);
  },
  { access: "public" },
);
