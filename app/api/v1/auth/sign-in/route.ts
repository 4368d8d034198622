import { readJsonBody } from "@/lib/http/read-json-body";
import { withSessionCookie } from "@/lib/http/session-response";
import { withApiHandler } from "@/lib/http/with-api-handler";
import { signInBodySchema } from "@/lib/schemas/auth";
import { sessionCookieOf } from "@/lib/server/auth/sessions";
import { recordSignIn, signIn } from "@/lib/server/auth/sign-in";

export const dynamic = "force-dynamic";

export const POST = withApiHandler(
  async ({ request, caller, requestId }) => {
    const input = await readJsonBody(request, signInBodySchema);
    const session = await signIn({ input, client: caller.client, previousCookie: sessionCookieOf(request) });
    await recordSignIn({ user: session.user, requestId, client: caller.client, method: "password" });
    const { id, email, name, role } = session.user;
    return withSessionCookie(request, { user: { id, email, name, role } }, session);
  },
  { access: "public" },
);
