import { env } from "@/lib/env";
import { json, withApiHandler } from "@/lib/http/with-api-handler";
import { hasUsers } from "@/lib/server/auth/first-run";

export const dynamic = "force-dynamic";

/** What the sign-in page offers: password sign-in, single sign-on, or the first-run setup. */
export const GET = withApiHandler(
  async () => json({ setUp: await hasUsers(), passwordSignIn: env.PASSWORD_SIGN_IN, oidc: env.OIDC_ISSUER !== undefined }),
  { access: "public" },
);
