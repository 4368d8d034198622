import { parseParams } from "@/lib/http/parse-params";
import { noContent, withApiHandler } from "@/lib/http/with-api-handler";
import { tokenParamsSchema } from "@/lib/schemas/auth";
import { revokeApiToken } from "@/lib/server/tokens/api-tokens";

export const dynamic = "force-dynamic";

type Params = { tokenId: string };

/** Revokes one of your tokens at once (admins: anyone's). */
export const DELETE = withApiHandler<Params, "signedIn">(
  async ({ params, caller }) => {
    const { tokenId } = parseParams(tokenParamsSchema, params);
    await revokeApiToken({ tokenId, actor: caller.actor });
    return noContent();
  },
  { access: "signedIn" },
);
