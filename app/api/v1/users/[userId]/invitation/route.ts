import { consoleOrigin } from "@/lib/http/console-url";
import { parseParams } from "@/lib/http/parse-params";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { userParamsSchema } from "@/lib/schemas/auth";
import { reinviteUser } from "@/lib/server/users/manage-users";

export const dynamic = "force-dynamic";

type Params = { userId: string };

/** A new invitation link for someone who has not accepted yet; the previous link stops working. */
export const POST = withApiHandler<Params>(
  async ({ request, params, caller }) => {
    const { userId } = parseParams(userParamsSchema, params);
    const { user, invitationPath } = await reinviteUser({ userId, actor: caller.actor });
    return json({ user, invitationUrl: `${consoleOrigin(request)}${invitationPath}` });
  },
  { access: "admin" },
);
