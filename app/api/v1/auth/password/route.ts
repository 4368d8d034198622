import { readJsonBody } from "@/lib/http/read-json-body";
import { noContent, withApiHandler } from "@/lib/http/with-api-handler";
import { changePasswordBodySchema } from "@/lib/schemas/auth";
import { changeOwnPassword } from "@/lib/server/users/change-password";

export const dynamic = "force-dynamic";

/** Changes your own password; your other sessions end, this one stays. */
export const POST = withApiHandler(
  async ({ request, caller }) => {
    const input = await readJsonBody(request, changePasswordBodySchema);
    await changeOwnPassword({ input, actor: caller.actor, keepSessionId: caller.principal.sessionId });
    return noContent();
  },
  { access: "signedIn" },
);
