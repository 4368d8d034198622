import { consoleOrigin } from "@/lib/http/console-url";
import { parseQuery, readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { createUserBodySchema, listUsersQuerySchema } from "@/lib/schemas/auth";
import { inviteUser, listUsers } from "@/lib/server/users/manage-users";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(async ({ request }) => json(await listUsers(parseQuery(request, listUsersQuerySchema))), {
  access: "admin",
});

/** Invites a person; the answer carries the one-time link (valid 7 days) to pass on to them. */
export const POST = withApiHandler(
  async ({ request, caller }) => {
    const input = await readJsonBody(request, createUserBodySchema);
    const { user, invitationPath } = await inviteUser({ input, actor: caller.actor });
    return json({ user, invitationUrl: `${consoleOrigin(request)}${invitationPath}` }, 201);
  },
  { access: "admin" },
);
