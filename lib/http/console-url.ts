import { env } from "@/lib/env";

import { isHttps, requestHost } from "./request-guards";

/** The console's own origin for links handed to people (invitations): PUBLIC_CONSOLE_URL, else the address this request used. */
export function consoleOrigin(request: Request): string {
  return env.PUBLIC_CONSOLE_URL ?? `${isHttps(request) ? "https" : "http"}://${requestHost(request)}`;
}
