import { parseParams } from "@/lib/http/parse-params";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json, noContent, withApiHandler } from "@/lib/http/with-api-handler";
import { updateUserBodySchema, userParamsSchema } from "@/lib/schemas/auth";
import { deleteUser, updateUser } from "@/lib/server/users/manage-users";

export const dynamic = "force-dynamic";

type Params = { userId: string };

/** Role, name, disabled. Disabling or a role change ends the user's sessions at once; their tokens stop working while disabled. */
export const PATCH = withApiHandler<Params>(
  async ({ request, params, caller }) => {
    const { userId } = parseParams(userParamsSchema, params);
    const input = await readJsonBody(request, updateUserBodySchema);
    return json({ user: await updateUser({ userId, input, actor: caller.actor }) });
  },
  { access: "admin" },
);

export const DELETE = withApiHandler<Params>(
  async ({ params, caller }) => {
    const { userId } = parseParams(userParamsSchema, params);
    await deleteUser({ userId, actor: caller.actor });
    return noContent();
  },
  { access: "admin" },
);
