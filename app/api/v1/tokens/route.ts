import { parseQuery, readJsonBody } from "@/lib/http/read-json-body";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { createTokenBodySchema, listApiTokensQuerySchema } from "@/lib/schemas/auth";
import { createApiToken, listApiTokens } from "@/lib/server/tokens/api-tokens";

export const dynamic = "force-dynamic";

/** Your own API tokens (never their values). */
export const GET = withApiHandler(
  async ({ request, caller }) => json(await listApiTokens({ actor: caller.actor, ...parseQuery(request, listApiTokensQuerySchema) })),
  { access: "signedIn" },
);

/** Makes a token for yourself; its value is in this answer only. */
export const POST = withApiHandler(
  async ({ request, caller }) => {
    const input = await readJsonBody(request, createTokenBodySchema);
    return json({ token: await createApiToken({ input, actor: caller.actor }) }, 201);
  },
  { access: "signedIn" },
);
