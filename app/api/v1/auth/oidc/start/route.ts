import { consoleOrigin } from "@/lib/http/console-url";
import { isHttps } from "@/lib/http/request-guards";
import { withApiHandler } from "@/lib/http/with-api-handler";
import { flowCookieHeader, startOidcSignIn } from "@/lib/server/auth/oidc";

export const dynamic = "force-dynamic";

/** Sends the browser to the single sign-on provider; `next` is the console page to return to. */
export const GET = withApiHandler(
  async ({ request }) => {
    const next = new URL(request.url).searchParams.get("next");
    const { location, flowCookie } = await startOidcSignIn({ origin: consoleOrigin(request), next });
    return new Response(null, {
      status: 302,
      headers: { location, "set-cookie": flowCookieHeader(flowCookie, isHttps(request)), "cache-control": "no-store" },
    });
  },
  { access: "public" },
);
