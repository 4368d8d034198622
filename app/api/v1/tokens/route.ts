import { readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { createTokenBodySchema } from "@/lib/schemas/auth";
import { createApiToken, listApiTokens } from "@/lib/server/tokens/api-tokens";

export const dynamic = "force-dynamic";

/** Your own API tokens (never their values). */
export const GET = withApiHandler(async ({ caller }) => json({ items: await listApiTokens({ actor: caller.actor }), nextCursor: null }), {
  access: "signedIn",
});

/** Makes a token for yourself; its value is in this answer only. */
export const POST = withApiHandler(
  async ({ request, caller }) => {
    const input = await readJsonBody(request, createTokenBodySchema);
    return json({ token: await createApiToken({ input, actor: caller.actor }) }, 201);
  },
  { access: "signedIn" },
);
