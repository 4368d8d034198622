import "server-only";

/** Where a request came from, for audit events, sessions and sign-in throttling. */
export type ClientInfo = { ip: string; userAgent: string };

/**
 * The client's address: the last entry of X-Forwarded-For, which is the one
 * the console's own HTTP server (or the closest proxy) wrote; earlier entries
 * are whatever the client claimed and are not trusted.
 */
export function clientInfoOf(request: Request): ClientInfo {
  const forwarded = request.headers.get("x-forwarded-for");
  const last = forwarded?.split(",").pop()?.trim() ?? "";
  const ip = /^[0-9A-Fa-f:.]{2,64}$/.test(last) ? last.replace(/^::ffff:/, "") : "";
  const userAgent = (request.headers.get("user-agent") ?? "").slice(0, 512);
  return { ip, userAgent };
}
