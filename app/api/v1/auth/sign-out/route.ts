import { clearingSessionCookie } from "@/lib/http/session-response";
import { withApiHandler } from "@/lib/http/with-api-handler";
import { deleteSession, sessionCookieOf } from "@/lib/server/auth/sessions";

export const dynamic = "force-dynamic";

/** Ends this browser's session on the server (the cookie is cleared too). Signing out twice is harmless. */
export const POST = withApiHandler(
  async ({ request }) => {
    const cookie = sessionCookieOf(request);
    if (cookie !== undefined) await deleteSession(cookie);
    return clearingSessionCookie(request, { signedOut: true });
  },
  { access: "public" },
);
