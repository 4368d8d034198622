import { consoleOrigin } from "@/lib/http/console-url";
import { withConsumerCookie } from "@/lib/http/portal-session-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { consumerSignUpBodySchema } from "@/lib/schemas/portal";
import { signUpConsumer } from "@/lib/server/portal/sign-up-consumer";

export const dynamic = "force-dynamic";

export const POST = withApiHandler(
  async ({ request, caller, requestId }) => {
    const input = await readJsonBody(request, consumerSignUpBodySchema);
    const { consumer, session, message } = await signUpConsumer({
      input,
      client: caller.client,
      requestId,
      origin: consoleOrigin(request),
    });
    const body = { consumer, signedIn: session !== null, message };
    return session === null ? json(body, 201) : withConsumerCookie(request, body, session, 201);
  },
  { access: "public" },
);
