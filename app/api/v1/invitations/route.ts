import { notFound } from "@/lib/errors/api-error";
import { parseQuery } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { invitationQuerySchema } from "@/lib/schemas/auth";
import { findInvitation } from "@/lib/server/users/manage-users";

export const dynamic = "force-dynamic";

/** Who an invitation is for, so the acceptance page can greet them. */
export const GET = withApiHandler(
  async ({ request }) => {
    const { code } = parseQuery(request, invitationQuerySchema);
    const invitation = await findInvitation(code);
    if (invitation === null) throw notFound("This invitation link is unknown, used or expired; ask an admin for a new one");
    return json({ invitation });
  },
  { access: "public" },
);
