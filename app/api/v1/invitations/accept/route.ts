import { readJsonBody } from "@/lib/http/read-json-body";
import { withSessionCookie } from "@/lib/http/session-response";
import { withApiHandler } from "@/lib/http/with-api-handler";
import { acceptInvitationBodySchema } from "@/lib/schemas/auth";
import { createSession } from "@/lib/server/auth/sessions";
import { acceptInvitation } from "@/lib/server/users/manage-users";

export const dynamic = "force-dynamic";

/** Sets the invited person's password with the one-time code, and signs them in. */
export const POST = withApiHandler(
  async ({ request, caller }) => {
    const input = await readJsonBody(request, acceptInvitationBodySchema);
    const user = await acceptInvitation({ input });
    const session = await createSession({ userId: user.id, client: caller.client });
    return withSessionCookie(request, { user }, session);
  },
  { access: "public" },
);
