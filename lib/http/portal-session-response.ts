import { clearConsumerCookieHeader, consumerCookieHeader } from "@/lib/server/portal/consumer-sessions";

import { isHttps } from "./request-guards";
import { json } from "./with-api-handler";

/** A JSON answer that starts a developer portal session (the portal's cookie, never the console's). */
export function withConsumerCookie(request: Request, body: unknown, session: { cookie: string; expiresAt: Date }, status = 200): Response {
  return json(body, status, {
    "set-cookie": consumerCookieHeader(session.cookie, { expiresAt: session.expiresAt, secure: isHttps(request) }),
  });
}

export function clearingConsumerCookie(request: Request, body: unknown, status = 200): Response {
  return json(body, status, { "set-cookie": clearConsumerCookieHeader(isHttps(request)) });
}
