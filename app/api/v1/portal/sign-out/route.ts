import { clearingConsumerCookie } from "@/lib/http/portal-session-response";
import { withApiHandler } from "@/lib/http/with-api-handler";
import { consumerCookieOf, deleteConsumerSession } from "@/lib/server/portal/consumer-sessions";

export const dynamic = "force-dynamic";

/** Ends this browser's portal session; signing out twice is harmless. */
export const POST = withApiHandler(
  async ({ request }) => {
    const cookie = consumerCookieOf(request);
    if (cookie !== undefined) await deleteConsumerSession(cookie);
    return clearingConsumerCookie(request, { signedOut: true });
  },
  { access: "public" },
);
