import { ApiError } from "@/lib/errors/api-error";
import { consoleOrigin } from "@/lib/http/console-url";
import { isHttps } from "@/lib/http/request-guards";
import { withApiHandler } from "@/lib/http/with-api-handler";
import { clearFlowCookieHeader, FLOW_COOKIE, finishOidcSignIn } from "@/lib/server/auth/oidc";
import { cookieOf, sessionCookieHeader, sessionCookieOf } from "@/lib/server/auth/sessions";
import { recordSignIn } from "@/lib/server/auth/sign-in";

export const dynamic = "force-dynamic";

/**
 * Where the provider sends the browser back. Success starts a session and
 * goes on to the page the sign-in began from; a failure goes back to the
 * sign-in page with the reason, since a person, not a script, is reading.
 */
export const GET = withApiHandler(
  async ({ request, caller, requestId }) => {
    const origin = consoleOrigin(request);
    const secure = isHttps(request);
    const headers = new Headers({ "cache-control": "no-store" });
    headers.append("set-cookie", clearFlowCookieHeader(secure));
    try {
      const { session, user, next } = await finishOidcSignIn({
        origin,
        search: new URL(request.url).search,
        flowCookie: cookieOf(request, FLOW_COOKIE),
        previousCookie: sessionCookieOf(request),
        requestId,
        clientInfo: caller.client,
      });
      await recordSignIn({ user, requestId, client: caller.client, method: "oidc" });
      headers.append("set-cookie", sessionCookieHeader(session.cookie, { expiresAt: session.expiresAt, secure }));
      headers.set("location", `${origin}${next}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      headers.set("location", `${origin}/sign-in?error=${encodeURIComponent(error.message)}`);
    }
    return new Response(null, { status: 302, headers });
  },
  { access: "public" },
);
