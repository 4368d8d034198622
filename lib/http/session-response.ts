import { clearSessionCookieHeader, sessionCookieHeader } from "@/lib/server/auth/sessions";

import { isHttps } from "./request-guards";
import { json } from "./with-api-handler";

/** A JSON answer that starts a session in the browser. */
export function withSessionCookie(request: Request, body: unknown, session: { cookie: string; expiresAt: Date }, status = 200): Response {
  return json(body, status, {
    "set-cookie": sessionCookieHeader(session.cookie, { expiresAt: session.expiresAt, secure: isHttps(request) }),
  });
}

/** A JSON answer that ends the browser's session. */
export function clearingSessionCookie(request: Request, body: unknown, status = 200): Response {
  return json(body, status, { "set-cookie": clearSessionCookieHeader(isHttps(request)) });
}
