import { consoleOrigin } from "@/lib/http/console-url";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { createInvitationBodySchema } from "@/lib/schemas/portal";
import { createPortalInvitation } from "@/lib/server/portal/manage-consumers";

export const dynamic = "force-dynamic";

export const POST = withApiHandler(
  async ({ request, caller }) => {
    const { email } = await readJsonBody(request, createInvitationBodySchema);
    return json(await createPortalInvitation({ email, actor: caller.actor, origin: consoleOrigin(request) }), 201);
  },
  { access: "admin" },
);
