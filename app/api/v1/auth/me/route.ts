import { env } from "@/lib/env";
import { json, withApiHandler } from "@/lib/http/with-api-handler";

export const dynamic = "force-dynamic";

export const GET = withApiHandler(
  ({ caller }) => {
    const { user, role, via } = caller.principal;
    return json({ user: { id: user.id, email: user.email, name: user.name, role }, via, passwordSignIn: env.PASSWORD_SIGN_IN });
  },
  { access: "signedIn" },
);
